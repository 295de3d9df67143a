import { useState, type FormEvent } from "react";
import type { FieldErrors } from "../../api/client";
import { useApi } from "../../api/context";
import type { SignedIn } from "../../api/types";
import { Field } from "../../components/Field";
import { FormError } from "../../components/FormError";
import { explain } from "../../components/errors";
import { sessionFrom, type Session } from "./session";

type Mode = "signin" | "signup";

/** Sign in, or sign up and then sign in with the same name and password. */
export function AuthPanel({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const api = useApi();
  const [mode, setMode] = useState<Mode>("signin");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [fields, setFields] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFields({});
    setFormError(null);
    const body = { username, password };
    try {
      if (mode === "signup") await api.request("POST", "/users/signup", { body });
      const signedIn = await api.request<SignedIn>("POST", "/users/signin", { body });
      onSignedIn(sessionFrom(signedIn));
    } catch (error) {
      const explained = explain(error, { username_taken: "username" });
      setFields(explained.fields);
      setFormError(explained.form);
    } finally {
      setBusy(false);
    }
  }

  const title = mode === "signin" ? "Sign in" : "Sign up";
  return (
    <section className="card" aria-labelledby="auth-title">
      <h2 id="auth-title">{title}</h2>
      <form onSubmit={submit} noValidate>
        <Field
          label="Username"
          name="username"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          errors={fields.username}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete={mode === "signin" ? "current-password" : "new-password"}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          errors={fields.password}
        />
        <FormError message={formError} />
        <div className="actions">
          <button type="submit" disabled={busy}>
            {title}
          </button>
          <button
            type="button"
            className="link"
            onClick={() => {
              setMode(mode === "signin" ? "signup" : "signin");
              setFields({});
              setFormError(null);
            }}
          >
            {mode === "signin" ? "New here? Sign up" : "Have an account? Sign in"}
          </button>
        </div>
      </form>
    </section>
  );
}
