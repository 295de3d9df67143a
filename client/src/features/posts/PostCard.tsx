import type { Comment, Post } from "../../api/types";
import { CommentForm } from "../comments/CommentForm";
import { CommentList } from "../comments/CommentList";

type Props = {
  post: Post;
  token: string | null;
  onComment: (comment: Comment) => void;
};

/** One post with its comments, and the form to add one when signed in. */
export function PostCard({ post, token, onComment }: Props) {
  const headingId = `post-${post.id}`;
  return (
    <article className="card post" aria-labelledby={headingId}>
      <h3 id={headingId}>{post.title}</h3>
      <p className="meta">
        by {post.author.username} · <time dateTime={post.created_at}>{when(post.created_at)}</time>
      </p>
      <CommentList comments={post.comments} />
      {token && (
        <CommentForm postId={post.id} postTitle={post.title} token={token} onCreated={onComment} />
      )}
    </article>
  );
}

function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}
