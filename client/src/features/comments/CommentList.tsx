import type { Comment } from "../../api/types";
import { CommentStatus } from "./CommentStatus";

export function CommentList({ comments }: { comments: Comment[] }) {
  if (comments.length === 0) return <p className="muted">No comments yet.</p>;
  return (
    <ul className="comments" aria-label="Comments">
      {comments.map((comment) => (
        <li key={comment.id} className={`comment comment-${comment.status}`}>
          <p className="comment-content">{comment.content}</p>
          <p className="meta">
            <span>{comment.author.username}</span> · <CommentStatus status={comment.status} />
          </p>
        </li>
      ))}
    </ul>
  );
}
