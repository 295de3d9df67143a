import { useEffect, useRef, useState, type FormEvent } from "react";
import type { FieldErrors } from "../../api/client";
import { useApi } from "../../api/context";
import type { Post } from "../../api/types";
import { Field } from "../../components/Field";
import { FormError } from "../../components/FormError";
import { explain } from "../../components/errors";

/** Writes a post; the title field has focus once the user is signed in. */
export function PostForm({ token, onCreated }: { token: string; onCreated: (post: Post) => void }) {
  const api = useApi();
  const [title, setTitle] = useState("");
  const [fields, setFields] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);

  useEffect(() => titleRef.current?.focus(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFields({});
    setFormError(null);
    try {
      const post = await api.request<Post>("POST", "/posts", { body: { title }, token });
      setTitle("");
      onCreated({ ...post, comments: post.comments ?? [] });
    } catch (error) {
      const explained = explain(error);
      setFields(explained.fields);
      setFormError(explained.form);
    } finally {
      setBusy(false);
      titleRef.current?.focus();
    }
  }

  return (
    <section className="card" aria-labelledby="new-post">
      <h2 id="new-post">New post</h2>
      <form onSubmit={submit} noValidate>
        <Field
          label="Title"
          name="title"
          value={title}
          inputRef={titleRef}
          onChange={(e) => setTitle(e.target.value)}
          errors={fields.title}
        />
        <FormError message={formError} />
        <div className="actions">
          <button type="submit" disabled={busy}>
            Publish
          </button>
        </div>
      </form>
    </section>
  );
}
