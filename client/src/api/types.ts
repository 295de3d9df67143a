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

export type Page<T> = {
  count: number;
  page: number;
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
