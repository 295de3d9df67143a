/**
 * A stand-in API for component tests: answers from a table, records what was asked. A table
 * entry is an answer, a list of answers given in turn (the last one for good), or a function
 * of the request's body and path.
 */
import { ApiError, type Api, type RequestOptions } from "./api/client";

/** An answer with headers, for a table entry: `withHeaders(post, {"Consistency-Token": "t"})`. */
export class WithHeaders {
  constructor(
    readonly body: unknown,
    readonly headers: Record<string, string>,
  ) {}
}

export function withHeaders(body: unknown, headers: Record<string, string>) {
  return new WithHeaders(body, headers);
}

type Answer = unknown | ApiError | WithHeaders | ((body: unknown, path: string) => unknown);

export function fakeApi(answers: Record<string, Answer | Answer[]>) {
  const calls: ({ method: string; path: string } & RequestOptions)[] = [];
  const api: Api = {
    async request<T>(method: string, path: string, options: RequestOptions = {}) {
      return (await api.send<T>(method, path, options)).data;
    },
    async send<T>(method: string, path: string, options: RequestOptions = {}) {
      calls.push({ method, path, ...options });
      const key = `${method} ${path.split("?")[0]}`;
      const entry = answers[key];
      if (entry === undefined) throw new Error(`unexpected ${key}`);
      const given = Array.isArray(entry) ? (entry.length > 1 ? entry.shift() : entry[0]) : entry;
      const answer = typeof given === "function" ? given(options.body, path) : given;
      if (answer instanceof ApiError) throw answer;
      if (answer instanceof WithHeaders) {
        return { data: answer.body as T, headers: new Headers(answer.headers) };
      }
      return { data: answer as T, headers: new Headers() };
    },
  };
  return { api, calls };
}
