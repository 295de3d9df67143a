import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ApiError } from "../../api/client";
import { ApiContext } from "../../api/context";
import type { Comment, Page, Post } from "../../api/types";
import { fakeApi, withHeaders } from "../../testing";
import { Feed } from "./Feed";

const ADA = { id: 1, username: "ada" };

function post(id: number, comments: Comment[] = []): Post {
  return { id, title: `Post ${id}`, author: ADA, created_at: "2026-11-28T10:00:00Z", comments };
}

function comment(id: number, postId: number, status: Comment["status"], content = "hi"): Comment {
  return { id, post_id: postId, content, status, author: ADA, created_at: "2026-11-28T10:01:00Z" };
}

type Links = { next?: string | null; previous?: string | null };

function page(results: Post[], { next = null, previous = null }: Links = {}): Page<Post> {
  return { page_size: 10, next, previous, results };
}

// Cursors as the API makes them; the client passes them on untouched.
const OLDER = "YTE3OTc0NjEyMDAwMDAwMDAuMg"; // carried by the newest page's `next` link
const NEWER = "YjE3OTc0NjExNDAwMDAwMDAuMQ"; // carried by the older page's `previous` link

function link(cursor: string) {
  return `/posts?cursor=${cursor}&page_size=10`;
}

const REFUSED = new ApiError(400, "validation_failed", "Some fields are not valid.", {
  cursor: ["Not a cursor this API gave: follow `next` links."],
});

/**
 * Two pages as the API serves them: posts 3 and 2, then post 1. Any other cursor is refused,
 * unless `otherCursor` says what to answer.
 */
function twoPages(otherCursor: unknown = REFUSED) {
  const newest = page([post(3), post(2)], { next: link(OLDER) });
  const pages: Record<string, Page<Post>> = {
    [OLDER]: page([post(1)], { previous: link(NEWER) }),
    [NEWER]: newest,
  };
  return (_body: unknown, path: string) => {
    const cursor = new URLSearchParams(path.split("?")[1]).get("cursor");
    if (cursor === null) return newest;
    return pages[cursor] ?? otherCursor;
  };
}

function titles() {
  return screen.queryAllByRole("article").map((a) => within(a).getByRole("heading").textContent);
}

function button(name: "Newer" | "Older") {
  return screen.getByRole("button", { name });
}

function renderFeed(answers: Parameters<typeof fakeApi>[0], token: string | null = "t") {
  const { api, calls } = fakeApi(answers);
  render(
    <ApiContext.Provider value={api}>
      <Feed token={token} />
    </ApiContext.Provider>,
  );
  return calls;
}

beforeEach(() => window.history.replaceState(null, "", "/"));

it("shows the posts in the order the API gives them, newest first, with comments", async () => {
  renderFeed({ "GET /posts": page([post(2, [comment(5, 2, "approved", "nice")]), post(1)]) }, null);
  const articles = await screen.findAllByRole("article");
  expect(articles.map((a) => within(a).getByRole("heading").textContent)).toEqual(["Post 2", "Post 1"]);
  expect(within(articles[0]).getByText("nice")).toBeInTheDocument();
  expect(within(articles[0]).getByText("approved")).toBeInTheDocument();
  expect(screen.queryByLabelText("Title")).not.toBeInTheDocument();
});

it("refreshes, without a reload, while a comment awaits moderation", async () => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  try {
    const calls = renderFeed({
      "GET /posts": [
        page([post(1, [comment(7, 1, "pending", "I like orange")])]),
        page([post(1, [comment(7, 1, "rejected", "I like orange")])]),
      ],
    });
    expect(await screen.findByText("awaiting moderation")).toBeInTheDocument();
    await act(() => vi.advanceTimersByTimeAsync(1100));
    expect(await screen.findByText("rejected by moderation")).toBeInTheDocument();
    const reads = calls.filter((c) => c.path.startsWith("/posts?")).length;
    await act(() => vi.advanceTimersByTimeAsync(3000));
    expect(calls.filter((c) => c.path.startsWith("/posts?")).length).toBe(reads);
  } finally {
    vi.useRealTimers();
  }
});

it("shows a new post at once, takes comments on it at once, and reads the feed with its token", async () => {
  const calls = renderFeed({
    "GET /posts": [page([]), page([post(3)])],
    "POST /posts": withHeaders(post(3), { "Consistency-Token": "p3" }),
  });
  await userEvent.type(screen.getByLabelText("Title"), "Post 3");
  await userEvent.click(screen.getByRole("button", { name: "Publish" }));
  expect(await screen.findByLabelText("Your comment")).toBeInTheDocument();
  const reads = () => calls.filter((c) => c.method === "GET");
  await waitFor(() => expect(reads().at(-1)?.headers).toEqual({ "Consistency-Token": "p3" }));
  expect(reads()[0].headers).toBeUndefined();
  expect(await screen.findAllByRole("article")).toHaveLength(1);
});

it("shows a title the API refuses with the reason, next to the field", async () => {
  renderFeed({
    "GET /posts": page([]),
    "POST /posts": new ApiError(400, "validation_failed", "Some fields are not valid.", {
      title: ["This field may not be blank."],
    }),
  });
  await userEvent.click(await screen.findByRole("button", { name: "Publish" }));
  expect(screen.getByLabelText("Title")).toHaveAccessibleDescription("This field may not be blank.");
});

it("pages with Older and Newer by following the API's links, keeping the cursor in the address", async () => {
  const calls = renderFeed({ "GET /posts": twoPages() }, null);
  await screen.findByRole("heading", { name: "Post 3" });
  expect(titles()).toEqual(["Post 3", "Post 2"]);
  expect(screen.getByText("Newest posts")).toBeInTheDocument();
  expect(button("Newer")).toBeDisabled();

  await userEvent.click(button("Older"));
  await screen.findByRole("heading", { name: "Post 1" });
  expect(titles()).toEqual(["Post 1"]);
  expect(window.location.search).toBe(`?cursor=${OLDER}`);
  expect(calls.at(-1)?.path).toBe(link(OLDER));
  expect(button("Older")).toBeDisabled();
  expect(screen.queryByText("Newest posts")).not.toBeInTheDocument();

  await userEvent.click(button("Newer"));
  await screen.findByRole("heading", { name: "Post 3" });
  expect(window.location.search).toBe(`?cursor=${NEWER}`);
  expect(calls.at(-1)?.path).toBe(link(NEWER));
  expect(button("Newer")).toBeDisabled();
  expect(calls.map((c) => c.path)).toEqual(["/posts?page_size=10", link(OLDER), link(NEWER)]);
});

it("shows the page the address names, and goes Back to it", async () => {
  window.history.replaceState(null, "", `/?cursor=${OLDER}`);
  const calls = renderFeed({ "GET /posts": twoPages() }, null);
  await screen.findByRole("heading", { name: "Post 1" });
  expect(calls[0].path).toBe(link(OLDER));

  await userEvent.click(button("Newer"));
  await screen.findByRole("heading", { name: "Post 3" });
  act(() => window.history.back());
  await screen.findByRole("heading", { name: "Post 1" });
  expect(window.location.search).toBe(`?cursor=${OLDER}`);
  expect(calls.at(-1)?.path).toBe(link(OLDER));
});

it("shows the newest page for an address with a page number, and never sends it", async () => {
  window.history.replaceState(null, "", "/?page=2");
  const calls = renderFeed({ "GET /posts": twoPages() }, null);
  await screen.findByRole("heading", { name: "Post 3" });
  await userEvent.click(button("Older"));
  await screen.findByRole("heading", { name: "Post 1" });
  expect(window.location.search).toBe(`?cursor=${OLDER}`);
  expect(calls.map((c) => new URLSearchParams(c.path.split("?")[1]).has("page"))).not.toContain(true);
});

it.each([
  ["the API refuses", REFUSED],
  ["leads to no posts", page([])],
])("shows the newest page in place of a cursor that %s", async (_, answer) => {
  window.history.replaceState(null, "", "/?cursor=bm90IGEgY3Vyc29y");
  const before = window.history.length;
  renderFeed({ "GET /posts": twoPages(answer) }, null);
  await screen.findByRole("heading", { name: "Post 3" });
  expect(window.location.search).toBe("");
  expect(window.history.length).toBe(before);
  expect(screen.queryByRole("alert")).not.toBeInTheDocument();
});

it("goes back to the newest page after a post, and shows the new post there only", async () => {
  window.history.replaceState(null, "", `/?cursor=${OLDER}`);
  const calls = renderFeed({
    "GET /posts": twoPages(),
    "POST /posts": withHeaders(post(4), { "Consistency-Token": "p4" }),
  });
  await screen.findByRole("heading", { name: "Post 1" });
  await userEvent.type(screen.getByLabelText("Title"), "Post 4");
  await userEvent.click(screen.getByRole("button", { name: "Publish" }));

  await waitFor(() => expect(titles()).toEqual(["Post 4", "Post 3", "Post 2"]));
  expect(window.location.search).toBe("");
  const reads = calls.filter((c) => c.method === "GET");
  expect(reads.at(-1)).toMatchObject({ path: "/posts?page_size=10", headers: { "Consistency-Token": "p4" } });

  await userEvent.click(button("Older"));
  await screen.findByRole("heading", { name: "Post 1" });
  expect(titles()).toEqual(["Post 1"]);
});
