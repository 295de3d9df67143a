/** The shapes of Tandem's API (docs/api.md), the same from either build. */

export type Author = { id: number; username: string };

export type CommentStatus = "pending" | "approved" | "rejected";

export type Comment = {
  id: number;
  post_id: number;
  content: string;
  status: CommentStatus;
  author: Author;
  created_at: string;
};

export type Post = {
  id: number;
  title: string;
  author: Author;
  created_at: string;
  comments: Comment[];
};

/**
 * A page of the feed, newest first. `next` (older posts) and `previous` (newer posts) are
 * relative links carrying an opaque cursor, or null when nothing lies on that side.
 */
export type Page<T> = {
  page_size: number;
  next: string | null;
  previous: string | null;
  results: T[];
};

export type SignedIn = {
  token: string;
  token_type: "Bearer";
  expires_in: number;
  user: Author;
};
