/**
 * HTTP helpers of the Arbor contract suite: JSON calls that always consume the body (no leaked
 * resources) and the fixtures a GRPO run needs.
 *
 * @module
 */

/** A server under test. */
export interface ArborServerHandle {
  /** The `/v1/` base URL with trailing slash. */
  url: string;
  /** Stops the server. */
  close(): Promise<void>;
}

/** Starts a fresh server for one test. */
export type StartArborServer = () => Promise<ArborServerHandle>;

/** A JSON answer: status, parsed body (or the raw text when not JSON), content type. */
export interface JsonAnswer {
  /** HTTP status. */
  status: number;
  /** Parsed JSON body, or `{ text }` when the body is not JSON. */
  // deno-lint-ignore no-explicit-any
  body: any;
  /** The `content-type` header. */
  contentType: string;
}

/** The origin (`http://host:port`) of a `/v1/` base URL. */
export function originOf(url: string): string {
  return new URL(url).origin;
}

/** Sends a request and reads the whole answer. `body` is JSON-encoded unless it is a string. */
export async function call(
  method: string,
  url: string,
  body?: unknown,
): Promise<JsonAnswer> {
  const init: RequestInit = { method, headers: { "content-type": "application/json" } };
  if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
  const response = await fetch(url, init);
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = { text };
  }
  return {
    status: response.status,
    body: parsed,
    contentType: response.headers.get("content-type") ?? "",
  };
}

/** POSTs JSON to `<base>/<path>`. */
export function post(base: string, path: string, body?: unknown): Promise<JsonAnswer> {
  return call("POST", new URL(path, base).href, body);
}

/** GETs `<base>/<path>`. */
export function get(base: string, path: string): Promise<JsonAnswer> {
  return call("GET", new URL(path, base).href);
}

/** The dialect a server speaks, detected from `GET /openapi.json` as a client would. */
export async function detectDialect(url: string): Promise<"2025.11" | "2025.06"> {
  const answer = await call("GET", `${originOf(url)}/openapi.json`);
  if (answer.status !== 200) throw new Error(`GET /openapi.json answered ${answer.status}`);
  return "/v1/fine_tuning/grpo/status" in (answer.body.paths ?? {}) ? "2025.11" : "2025.06";
}

/** The prompt used by every contract rollout. */
export const CONTRACT_MESSAGES = [
  { role: "system", content: "Answer with one word." },
  { role: "user", content: "Which colour is the sky: blue, green or red?" },
];

/** Samples `g` completions over HTTP and builds a group rewarding the answer `blue`. */
export async function rollGroup(
  url: string,
  model: string,
  g: number,
  seed: number,
): Promise<
  {
    messages: typeof CONTRACT_MESSAGES;
    completion: { role: string; content: string };
    reward: number;
  }[]
> {
  const group = [];
  for (let i = 0; i < g; i++) {
    const answer = await post(url, "chat/completions", {
      model,
      messages: CONTRACT_MESSAGES,
      temperature: 1,
      max_tokens: 8,
      seed: seed * 1000 + i,
    });
    if (answer.status !== 200) {
      throw new Error(`chat answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    }
    const content = String(answer.body.choices[0].message.content);
    group.push({
      messages: CONTRACT_MESSAGES,
      completion: { role: "assistant", content },
      reward: content.toLowerCase().includes("blue") ? 1 : 0,
    });
  }
  return group;
}
