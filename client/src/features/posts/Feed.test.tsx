import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ApiError } from "../../api/client";
import { ApiContext } from "../../api/context";
import type { Comment, Post } from "../../api/types";
import { fakeApi, withHeaders } from "../../testing";
import { Feed } from "./Feed";

const ADA = { id: 1, username: "ada" };

function post(id: number, comments: Comment[] = []): Post {
  return { id, title: `Post ${id}`, author: ADA, created_at: "2026-11-28T10:00:00Z", comments };
}

function comment(id: number, postId: number, status: Comment["status"], content = "hi"): Comment {
  return { id, post_id: postId, content, status, author: ADA, created_at: "2026-11-28T10:01:00Z" };
}

function page(results: Post[], count = results.length) {
  return { count, page: 1, page_size: 10, next: count > 10 ? "/posts?page=2" : null, previous: null, results };
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

it("pages with Older and Newer, keeping the page in the address", async () => {
  const calls = renderFeed({ "GET /posts": page([post(1)], 25) }, null);
  await userEvent.click(await screen.findByRole("button", { name: "Older" }));
  expect(window.location.search).toBe("?page=2");
  expect(calls.at(-1)?.path).toBe("/posts?page=2&page_size=10");
  expect(screen.getByText("Page 2 of 3")).toBeInTheDocument();
});
