import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { CONSISTENCY_TOKEN } from "../../api/client";
import { useApi } from "../../api/context";
import type { Comment, Page, Post } from "../../api/types";
import { FormError } from "../../components/FormError";
import { usePageParam } from "../../router";
import { PostCard } from "./PostCard";
import { PostForm } from "./PostForm";

const PAGE_SIZE = 10;
const REFRESH_MS = 1000;

/**
 * The feed, newest first, a page at a time. A comment is "pending" until moderation has
 * judged it (in the split build): while anything on the page is still settling, the feed
 * reads itself again every second. After the user writes a post, the next read sends its
 * Consistency-Token, so the feed shows the post at once in either build; until that read
 * answers, the post is shown from its response, and takes comments at once.
 */
export function Feed({ token }: { token: string | null }) {
  const api = useApi();
  const [page, goToPage] = usePageParam();
  const [feed, setFeed] = useState<Page<Post> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [myPosts, setMyPosts] = useState<Post[]>([]);
  const [myComments, setMyComments] = useState<Comment[]>([]);
  const readAfter = useRef<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const sent = readAfter.current;
      const headers = sent ? { [CONSISTENCY_TOKEN]: sent } : undefined;
      const path = `/posts?page=${page}&page_size=${PAGE_SIZE}`;
      const next = await api.request<Page<Post>>("GET", path, { headers });
      setFeed(next);
      setError(null);
      const shownPosts = new Set(next.results.map((p) => p.id));
      const shownComments = new Set(next.results.flatMap((p) => p.comments.map((c) => c.id)));
      setMyPosts((mine) => mine.filter((p) => !shownPosts.has(p.id)));
      setMyComments((mine) => mine.filter((c) => !shownComments.has(c.id)));
      if (readAfter.current === sent) readAfter.current = null;
    } catch {
      setError("The feed could not be loaded. Retrying…");
    }
  }, [api, page]);

  const posts = useMemo(() => {
    const results = feed?.results ?? [];
    const withMine = results.map((post) => ({
      ...post,
      comments: [...post.comments, ...myComments.filter((c) => c.post_id === post.id)],
    }));
    return [...(page === 1 ? myPosts : []), ...withMine];
  }, [feed, myPosts, myComments, page]);

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

  const pages = feed ? Math.max(1, Math.ceil(feed.count / PAGE_SIZE)) : 1;
  return (
    <>
      {token && (
        <PostForm
          token={token}
          onCreated={(post, token) => {
            setMyPosts((mine) => [post, ...mine]);
            readAfter.current = token;
            if (page !== 1) goToPage(1);
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
        <nav className="pager" aria-label="Pages">
          <button type="button" disabled={page <= 1} onClick={() => goToPage(page - 1)}>
            Newer
          </button>
          <span>
            Page {page} of {pages}
          </span>
          <button type="button" disabled={!feed?.next} onClick={() => goToPage(page + 1)}>
            Older
          </button>
        </nav>
      </section>
    </>
  );
}
