import { useState, type FormEvent } from "react";
import { useApi } from "../../api/context";
import type { SignedIn } from "../../api/types";
import { Field } from "../../components/Field";
import { FormError } from "../../components/FormError";
import { useApiForm } from "../../components/useApiForm";
import { sessionFrom, type Session } from "./session";

type Mode = "signin" | "signup";

/** Sign in, or sign up and then sign in with the same name and password. */
export function AuthPanel({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const api = useApi();
  const [mode, setMode] = useState<Mode>("signin");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const { fields, formError, busy, submit, clear } = useApiForm({ username_taken: "username" });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const body = { username, password };
    void submit(async () => {
      if (mode === "signup") await api.request("POST", "/users/signup", { body });
      const signedIn = await api.request<SignedIn>("POST", "/users/signin", { body });
      onSignedIn(sessionFrom(signedIn));
    });
  }

  const title = mode === "signin" ? "Sign in" : "Sign up";
  return (
    <section className="card" aria-labelledby="auth-title">
      <h2 id="auth-title">{title}</h2>
      <form onSubmit={onSubmit} noValidate>
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
              clear();
            }}
          >
            {mode === "signin" ? "New here? Sign up" : "Have an account? Sign in"}
          </button>
        </div>
      </form>
    </section>
  );
}
