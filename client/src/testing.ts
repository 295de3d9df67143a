/** A stand-in API for component tests: answers from a table, records what was asked. */
import { ApiError, type Api } from "./api/client";

type Answer = unknown | ApiError | ((body: unknown) => unknown);

export function fakeApi(answers: Record<string, Answer | Answer[]>) {
  const calls: { method: string; path: string; body?: unknown; token?: string }[] = [];
  const api: Api = {
    async request<T>(method: string, path: string, options: { body?: unknown; token?: string } = {}) {
      calls.push({ method, path, ...options });
      const key = `${method} ${path.split("?")[0]}`;
      const entry = answers[key];
      if (entry === undefined) throw new Error(`unexpected ${key}`);
      const answer = Array.isArray(entry) ? (entry.length > 1 ? entry.shift() : entry[0]) : entry;
      if (answer instanceof ApiError) throw answer;
      return (typeof answer === "function" ? answer(options.body) : answer) as T;
    },
  };
  return { api, calls };
}
