import { useState, type FormEvent } from "react";
import type { FieldErrors } from "../../api/client";
import { useApi } from "../../api/context";
import type { Comment } from "../../api/types";
import { Field } from "../../components/Field";
import { FormError } from "../../components/FormError";
import { explain } from "../../components/errors";

type Props = { postId: number; postTitle: string; token: string; onCreated: (c: Comment) => void };

export function CommentForm({ postId, postTitle, token, onCreated }: Props) {
  const api = useApi();
  const [content, setContent] = useState("");
  const [fields, setFields] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFields({});
    setFormError(null);
    try {
      const path = `/posts/${postId}/comments`;
      const comment = await api.request<Comment>("POST", path, { body: { content }, token });
      setContent("");
      onCreated(comment);
    } catch (error) {
      const explained = explain(error);
      setFields(explained.fields);
      setFormError(explained.form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="comment-form" onSubmit={submit} noValidate aria-label={`Comment on ${postTitle}`}>
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
