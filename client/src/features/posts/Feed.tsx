import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ApiError, CONSISTENCY_TOKEN } from "../../api/client";
import { useApi } from "../../api/context";
import type { Comment, Page, Post } from "../../api/types";
import { FormError } from "../../components/FormError";
import { useCursorParam } from "../../router";
import { Pager } from "./Pager";
import { PostCard } from "./PostCard";
import { PostForm } from "./PostForm";

const PAGE_SIZE = 10;
const REFRESH_MS = 1000;

function feedPath(cursor: string | null): string {
  const page_size = String(PAGE_SIZE);
  return `/posts?${new URLSearchParams(cursor === null ? { page_size } : { cursor, page_size })}`;
}

/** The cursor a `next` or `previous` link carries, to keep in the address. */
function cursorIn(link: string): string | null {
  return new URL(link, window.location.href).searchParams.get("cursor");
}

function refusesCursor(error: unknown): boolean {
  return error instanceof ApiError && error.status === 400 && "cursor" in error.fields;
}

/**
 * The feed, newest first, a page at a time: Older and Newer follow the API's `next` and
 * `previous` links, and the address keeps the cursor of the page shown (none: the newest
 * page). A comment is "pending" until moderation has judged it (in the split build): while
 * anything on the page is still settling, the feed reads itself again every second. After
 * the user writes a post, the feed goes to its newest page and the next read sends the post's
 * Consistency-Token, so the feed shows the post at once in either build; until that read
 * answers, the post is shown from its response, on the newest page only, and takes comments
 * at once.
 */
export function Feed({ token }: { token: string | null }) {
  const api = useApi();
  const [cursor, goTo] = useCursorParam();
  const [feed, setFeed] = useState<Page<Post> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [myPosts, setMyPosts] = useState<Post[]>([]);
  const [myComments, setMyComments] = useState<Comment[]>([]);
  const readAfter = useRef<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const sent = readAfter.current;
      const headers = sent ? { [CONSISTENCY_TOKEN]: sent } : undefined;
      const page = await api.request<Page<Post>>("GET", feedPath(cursor), { headers });
      // A cursor that leads nowhere (cut short, or made by hand) gives way to the newest page.
      if (cursor !== null && page.results.length === 0) {
        goTo(null, { replace: true });
        return;
      }
      setFeed(page);
      setError(null);
      const shownPosts = new Set(page.results.map((p) => p.id));
      const shownComments = new Set(page.results.flatMap((p) => p.comments.map((c) => c.id)));
      setMyPosts((mine) => mine.filter((p) => !shownPosts.has(p.id)));
      setMyComments((mine) => mine.filter((c) => !shownComments.has(c.id)));
      if (readAfter.current === sent) readAfter.current = null;
    } catch (error) {
      if (cursor !== null && refusesCursor(error)) goTo(null, { replace: true });
      else setError("The feed could not be loaded. Retrying…");
    }
  }, [api, cursor, goTo]);

  const posts = useMemo(() => {
    const results = feed?.results ?? [];
    const withMine = results.map((post) => ({
      ...post,
      comments: [...post.comments, ...myComments.filter((c) => c.post_id === post.id)],
    }));
    return [...(cursor === null ? myPosts : []), ...withMine];
  }, [feed, myPosts, myComments, cursor]);

  const settling =
    error !== null ||
    myPosts.length > 0 ||
    myComments.length > 0 ||
    posts.some((post) => post.comments.some((c) => c.status === "pending"));

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    if (!settling) return;
    const timer = window.setTimeout(() => void refresh(), REFRESH_MS);
    return () => window.clearTimeout(timer);
  }, [settling, refresh, feed]);

  return (
    <>
      {token && (
        <PostForm
          token={token}
          onCreated={(post, token) => {
            setMyPosts((mine) => [post, ...mine]);
            readAfter.current = token;
            if (cursor !== null) goTo(null);
            else void refresh();
          }}
        />
      )}
      <section aria-labelledby="feed-title" aria-busy={feed === null}>
        <h2 id="feed-title">Posts</h2>
        <FormError message={error} />
        {feed !== null && posts.length === 0 && <p className="muted">No posts yet.</p>}
        {posts.map((post) => (
          <PostCard
            key={post.id}
            post={post}
            token={token}
            onComment={(comment) => setMyComments((mine) => [...mine, comment])}
          />
        ))}
        <Pager page={feed} onFollow={(link) => goTo(cursorIn(link))} />
      </section>
    </>
  );
}
