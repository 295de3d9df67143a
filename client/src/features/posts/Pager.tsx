import type { Page } from "../../api/types";

type Props = { page: Page<unknown> | null; onFollow: (link: string) => void };

/** Newer follows the page's `previous` link, Older its `next`; each is off without its link. */
export function Pager({ page, onFollow }: Props) {
  const newer = page?.previous ?? null;
  const older = page?.next ?? null;
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" disabled={newer === null} onClick={() => newer && onFollow(newer)}>
        Newer
      </button>
      {page && newer === null && page.results.length > 0 && <span>Newest posts</span>}
      <button type="button" disabled={older === null} onClick={() => older && onFollow(older)}>
        Older
      </button>
    </nav>
  );
}
