import { useEffect, useState } from "react";
import { createApi, loadRoutes, type Api } from "./api/client";
import { ApiContext } from "./api/context";
import { AuthPanel } from "./features/auth/AuthPanel";
import { loadSession, saveSession, type Session } from "./features/auth/session";
import { Feed } from "./features/posts/Feed";

/** The whole client: who is signed in, and the feed. Works unchanged against either build. */
export function App({ api: given }: { api?: Api }) {
  const [api, setApi] = useState<Api | null>(given ?? null);
  const [session, setSession] = useState<Session | null>(loadSession);

  useEffect(() => {
    if (given) return;
    void loadRoutes().then((routes) => setApi(createApi(routes)));
  }, [given]);

  function signIn(next: Session | null) {
    saveSession(next);
    setSession(next);
  }

  return (
    <div className="page">
      <header className="top">
        <h1>Tandem</h1>
        {session && (
          <p className="whoami">
            Signed in as <strong>{session.user.username}</strong>{" "}
            <button type="button" className="link" onClick={() => signIn(null)}>
              Sign out
            </button>
          </p>
        )}
      </header>
      <main>
        {api === null ? (
          <p className="muted">Loading…</p>
        ) : (
          <ApiContext.Provider value={api}>
            {!session && <AuthPanel onSignedIn={signIn} />}
            <Feed token={session?.token ?? null} />
          </ApiContext.Provider>
        )}
      </main>
    </div>
  );
}
