/** The signed-in user, kept in localStorage until the token expires. */
import type { Author, SignedIn } from "../../api/types";

export type Session = { token: string; user: Author; expiresAt: number };

const KEY = "tandem.session";

export function sessionFrom(signedIn: SignedIn, now = Date.now()): Session {
  return { token: signedIn.token, user: signedIn.user, expiresAt: now + signedIn.expires_in * 1000 };
}

export function loadSession(now = Date.now()): Session | null {
  try {
    const session = JSON.parse(localStorage.getItem(KEY) ?? "null") as Session | null;
    return session && session.expiresAt > now ? session : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null): void {
  if (session) localStorage.setItem(KEY, JSON.stringify(session));
  else localStorage.removeItem(KEY);
}
