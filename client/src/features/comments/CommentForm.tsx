import { useState, type FormEvent } from "react";
import { useApi } from "../../api/context";
import type { Comment } from "../../api/types";
import { Field } from "../../components/Field";
import { FormError } from "../../components/FormError";
import { useApiForm } from "../../components/useApiForm";

type Props = { postId: number; postTitle: string; token: string; onCreated: (c: Comment) => void };

export function CommentForm({ postId, postTitle, token, onCreated }: Props) {
  const api = useApi();
  const [content, setContent] = useState("");
  const { fields, formError, busy, submit } = useApiForm();

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void submit(async () => {
      const path = `/posts/${postId}/comments`;
      const comment = await api.request<Comment>("POST", path, { body: { content }, token });
      setContent("");
      onCreated(comment);
    });
  }

  return (
    <form className="comment-form" onSubmit={onSubmit} noValidate aria-label={`Comment on ${postTitle}`}>
      <Field
        label="Your comment"
        name="content"
        value={content}
        onChange={(e) => setContent(e.target.value)}
        errors={fields.content}
      />
      <FormError message={formError} />
      <button type="submit" disabled={busy}>
        Comment
      </button>
    </form>
  );
}
