import { useEffect, useRef, useState, type FormEvent } from "react";
import { useApi } from "../../api/context";
import { CONSISTENCY_TOKEN } from "../../api/client";
import type { Post } from "../../api/types";
import { Field } from "../../components/Field";
import { FormError } from "../../components/FormError";
import { useApiForm } from "../../components/useApiForm";

type Props = {
  token: string;
  /** The new post, and the token that makes the next feed read show it. */
  onCreated: (post: Post, readAfter: string | null) => void;
};

/** Writes a post; the title field has focus once the user is signed in. */
export function PostForm({ token, onCreated }: Props) {
  const api = useApi();
  const [title, setTitle] = useState("");
  const { fields, formError, busy, submit } = useApiForm();
  const titleRef = useRef<HTMLInputElement>(null);

  useEffect(() => titleRef.current?.focus(), []);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    await submit(async () => {
      const { data: post, headers } = await api.send<Post>("POST", "/posts", { body: { title }, token });
      setTitle("");
      onCreated({ ...post, comments: post.comments ?? [] }, headers.get(CONSISTENCY_TOKEN));
    });
    titleRef.current?.focus();
  }

  return (
    <section className="card" aria-labelledby="new-post">
      <h2 id="new-post">New post</h2>
      <form onSubmit={onSubmit} noValidate>
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
