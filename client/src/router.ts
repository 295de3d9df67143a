/**
 * The client's one piece of routing: which page of the feed is shown, kept in the address as
 * the API's cursor (?cursor=...) so that a page can be bookmarked, reloaded and reached with
 * Back and Forward. No cursor: the newest page. The cursor is the API's, passed on untouched.
 */
import { useCallback, useEffect, useState } from "react";

function cursorInAddress(): string | null {
  return new URLSearchParams(window.location.search).get("cursor") || null;
}

export type GoTo = (cursor: string | null, options?: { replace?: boolean }) => void;

export function useCursorParam(): [string | null, GoTo] {
  const [cursor, setCursor] = useState(cursorInAddress);
  useEffect(() => {
    const onPop = () => setCursor(cursorInAddress());
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
  const goTo = useCallback<GoTo>((next, { replace = false } = {}) => {
    const url = new URL(window.location.href);
    // A page number from an address saved before the feed had cursors: it means nothing now.
    url.searchParams.delete("page");
    if (next === null) url.searchParams.delete("cursor");
    else url.searchParams.set("cursor", next);
    if (replace) window.history.replaceState(null, "", url);
    else window.history.pushState(null, "", url);
    setCursor(next);
  }, []);
  return [cursor, goTo];
}
