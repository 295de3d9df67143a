/**
 * How the client talks to the API. By default every request goes to the page's own origin:
 * the monolith, or the split stack's gateway. When the split stack runs as separate
 * processes on their own ports, the service that serves the page also serves
 * /client-config.json, which says which origin answers which path (the routes of
 * microservices/stack.toml). Those services allow this page's origin by CORS, and only it.
 */

export type Route = { path: string; method?: string; url: string };
export type FieldErrors = Record<string, string[]>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldErrors = {},
  ) {
    super(message);
  }
}

type Fetch = typeof fetch;

export async function loadRoutes(fetchImpl: Fetch = fetch): Promise<Route[]> {
  try {
    const response = await fetchImpl("/client-config.json");
    if (!response.ok) return [];
    const config = await response.json();
    return Array.isArray(config.routes) ? config.routes : [];
  } catch {
    return [];
  }
}

/** The first route whose path pattern (and method, when it has one) matches wins. */
export function urlFor(routes: Route[], method: string, path: string): string {
  const bare = path.split("?")[0];
  const route = routes.find(
    (r) => new RegExp(r.path).test(bare) && (r.method === undefined || r.method === method),
  );
  return route ? `${route.url}${path}` : path;
}

function fieldErrors(fields: unknown): FieldErrors {
  if (!fields || typeof fields !== "object") return {};
  return Object.fromEntries(
    Object.entries(fields as Record<string, { message: string }[]>).map(([name, errors]) => [
      name,
      errors.map((e) => e.message),
    ]),
  );
}

export type RequestOptions = { body?: unknown; token?: string; headers?: Record<string, string> };
export type Answer<T> = { data: T; headers: Headers };

export type Api = {
  /** The body of the answer; an ApiError for any error answer. */
  request<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
  /** The same, with the answer's headers (a new post's Consistency-Token). */
  send<T>(method: string, path: string, options?: RequestOptions): Promise<Answer<T>>;
};

/** The header a new post is answered with; sent back, the next feed read shows the post. */
export const CONSISTENCY_TOKEN = "Consistency-Token";

export function createApi(routes: Route[], fetchImpl: Fetch = fetch): Api {
  const api: Api = {
    async request<T>(method: string, path: string, options: RequestOptions = {}) {
      return (await api.send<T>(method, path, options)).data;
    },
    async send<T>(method: string, path: string, options: RequestOptions = {}) {
      const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
      if (options.body !== undefined) headers["Content-Type"] = "application/json";
      if (options.token) headers.Authorization = `Bearer ${options.token}`;
      let response: Response;
      try {
        response = await fetchImpl(urlFor(routes, method, path), {
          method,
          headers,
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
        });
      } catch {
        throw new ApiError(0, "network_error", "The server could not be reached. Try again.");
      }
      const data = await response.json().catch(() => null);
      if (!response.ok) {
        const error = data?.error ?? {};
        throw new ApiError(
          response.status,
          error.code ?? "http_error",
          error.message ?? `The server answered ${response.status}.`,
          fieldErrors(error.fields),
        );
      }
      return { data: data as T, headers: response.headers };
    },
  };
  return api;
}
