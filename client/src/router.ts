/**
 * The client's one piece of routing: which page of the feed is shown, kept in the address
 * (?page=N) so that a page can be bookmarked, reloaded and reached with Back and Forward.
 */
import { useCallback, useEffect, useState } from "react";

function pageInAddress(): number {
  const page = Number(new URLSearchParams(window.location.search).get("page"));
  return Number.isInteger(page) && page > 0 ? page : 1;
}

export function usePageParam(): [number, (page: number) => void] {
  const [page, setPage] = useState(pageInAddress);
  useEffect(() => {
    const onPop = () => setPage(pageInAddress());
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
  const go = useCallback((next: number) => {
    const url = new URL(window.location.href);
    if (next === 1) url.searchParams.delete("page");
    else url.searchParams.set("page", String(next));
    window.history.pushState(null, "", url);
    setPage(next);
  }, []);
  return [page, go];
}
