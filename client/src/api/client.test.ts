import { ApiError, createApi, urlFor, type Route } from "./client";

const SPLIT: Route[] = [
  { path: "^/users/", url: "http://127.0.0.1:4004" },
  { path: "^/posts$", method: "POST", url: "http://127.0.0.1:4000" },
  { path: "^/posts/[^/]+/comments$", url: "http://127.0.0.1:4001" },
  { path: "", url: "http://127.0.0.1:4002" },
];

describe("urlFor", () => {
  it("keeps the page's own origin when there are no routes", () => {
    expect(urlFor([], "POST", "/posts")).toBe("/posts");
  });

  it("sends each path to the service that owns it, first match first", () => {
    expect(urlFor(SPLIT, "POST", "/posts")).toBe("http://127.0.0.1:4000/posts");
    expect(urlFor(SPLIT, "GET", "/posts?cursor=YTE3OTc0NjEyMDAwMDAwMDAuMg&page_size=10")).toBe(
      "http://127.0.0.1:4002/posts?cursor=YTE3OTc0NjEyMDAwMDAwMDAuMg&page_size=10",
    );
    expect(urlFor(SPLIT, "GET", "/posts/7/comments")).toBe("http://127.0.0.1:4001/posts/7/comments");
    expect(urlFor(SPLIT, "POST", "/users/signin")).toBe("http://127.0.0.1:4004/users/signin");
  });
});

function answering(status: number, body: unknown): typeof fetch {
  return async () => new Response(JSON.stringify(body), { status });
}

describe("createApi", () => {
  it("turns the API's error shape into field messages", async () => {
    const api = createApi(
      [],
      answering(400, {
        error: {
          code: "validation_failed",
          message: "Some fields are not valid.",
          fields: { title: [{ code: "blank", message: "This field may not be blank." }] },
        },
      }),
    );
    const error = (await api.request("POST", "/posts", { body: { title: "" } }).catch((e) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe("validation_failed");
    expect(error.fields).toEqual({ title: ["This field may not be blank."] });
  });

  it("reports a server it cannot reach as a network error", async () => {
    const api = createApi([], async () => {
      throw new TypeError("Failed to fetch");
    });
    await expect(api.request("GET", "/posts")).rejects.toMatchObject({ code: "network_error" });
  });
});
