/**
 * A local OpenAI-compatible test server (`Deno.serve` on 127.0.0.1, a free port) whose reply to
 * each `POST /v1/chat/completions` is scripted: normal answers, error statuses with
 * `Retry-After`, slow replies, malformed JSON, a `null` body, `null` content. It records every
 * request (headers and parsed body) and how many were in flight at once.
 *
 * Which reply a request gets: the next one queued with {@link OpenAiTestServer.enqueue} (or the
 * `replies` option) if any; otherwise the `respond` function's; otherwise `replies.answer("ok")`.
 *
 * @example
 * ```ts ignore
 * await using server = startOpenAiTestServer({ replies: [replies.status(429, { retryAfter: "1" })] });
 * const lm = createLmClient({ baseUrl: server.baseUrl, model: "m" });
 * await lm.chat([{ role: "user", content: "hi" }]); // 429, then "ok"
 * server.requests.length; // 2
 * ```
 *
 * @module
 */

/** How the server answers one request. Build these with {@link replies}. */
export interface TestReply {
  /** HTTP status. Default: `200`. */
  status?: number;
  /** For a 200 completion: the content of every choice (`null` sends `content: null`). Default: `"ok"`. */
  content?: string | null;
  /** Raw body text, sent instead of a completion (e.g. malformed JSON, `"null"`). Default: none. */
  body?: string;
  /** The `content-type` header. Default: `application/json`. */
  contentType?: string;
  /** Extra response headers (e.g. `retry-after`). Default: none. */
  headers?: Record<string, string>;
  /** Milliseconds to wait before replying (cut short by `close()`). Default: `0`. */
  delayMs?: number;
  /**
   * Milliseconds to hold the body back after the status and headers were sent (a reply that
   * stalls mid-transfer; cut short by `close()`). Default: `0`.
   */
  bodyDelayMs?: number;
  /** Send the status, headers and half the body, then drop the connection. Default: `false`. */
  dropBody?: boolean;
  /** Reported `usage`. Default: 10 prompt and 2 completion tokens. */
  usage?: { promptTokens: number; completionTokens: number };
}

/** One request the server received. */
export interface RecordedRequest {
  /** 0-based arrival order over every path. */
  index: number;
  /** HTTP method. */
  method: string;
  /** URL path, e.g. `/v1/chat/completions`. */
  path: string;
  /** Request headers, names lowercased. */
  headers: Record<string, string>;
  /** The body parsed as JSON (`null` when empty or not JSON). */
  body: unknown;
  /** The body as sent. */
  rawBody: string;
  /** `performance.now()` at arrival. */
  receivedAt: number;
}

/** Computes the reply for a request that no queued reply answered. */
export type Responder = (request: RecordedRequest) => TestReply | Promise<TestReply>;

/** Options of {@link startOpenAiTestServer}. */
export interface OpenAiTestServerOptions {
  /** Replies used first, in order, one per chat request. Default: `[]`. */
  replies?: TestReply[];
  /** Reply once the queue is empty. Default: always `replies.answer("ok")`. */
  respond?: Responder;
  /** Model ids listed by `GET /v1/models`. Default: `["test-model"]`. */
  models?: string[];
}

/** A running test server. */
export interface OpenAiTestServer {
  /** Base URL for clients, e.g. `http://127.0.0.1:41234/v1`. */
  readonly baseUrl: string;
  /** The port it listens on. */
  readonly port: number;
  /** Every request received, in arrival order (chat and others). */
  readonly requests: RecordedRequest[];
  /** The chat-completion requests only (`POST …/chat/completions`), in arrival order. */
  chatRequests(): RecordedRequest[];
  /** Chat requests being answered right now. */
  inFlight(): number;
  /** The most chat requests ever in flight at once. */
  maxInFlight(): number;
  /** Queues replies for the next chat requests. */
  enqueue(...queued: TestReply[]): void;
  /** Replaces the responder used when the queue is empty. */
  respondWith(respond: Responder): void;
  /** Forgets recorded requests and the in-flight maximum (the queue is kept). */
  reset(): void;
  /** Stops the server: pending delays end at once, then it waits for handlers to finish. */
  close(): Promise<void>;
  /** Same as {@link OpenAiTestServer.close}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void>;
}

/** Builders of common {@link TestReply} values. */
export const replies = {
  /** A 200 completion whose choices all say `content`. */
  answer(content: string, extra: Omit<TestReply, "content" | "body"> = {}): TestReply {
    return { ...extra, content };
  },
  /** An error status with an OpenAI-style error body, optionally `Retry-After` headers. */
  status(
    status: number,
    options: { retryAfter?: string; retryAfterMs?: string; message?: string } = {},
  ): TestReply {
    const headers: Record<string, string> = {};
    if (options.retryAfter !== undefined) headers["retry-after"] = options.retryAfter;
    if (options.retryAfterMs !== undefined) headers["retry-after-ms"] = options.retryAfterMs;
    const message = options.message ?? `scripted status ${status}`;
    return { status, headers, body: JSON.stringify({ error: { message, type: "test" } }) };
  },
  /** A 200 completion sent after `delayMs`. */
  slow(delayMs: number, content = "ok"): TestReply {
    return { delayMs, content };
  },
  /** A 200 reply with a JSON content type whose body is cut off mid-object. */
  malformedJson(): TestReply {
    return { body: '{"id": "x", "choices": [{"message": {"content": "unfinished' };
  },
  /** A 200 reply whose JSON body is `null`. */
  nullBody(): TestReply {
    return { body: "null" };
  },
  /** A 200 completion whose `message.content` is `null`. */
  nullContent(): TestReply {
    return { content: null };
  },
  /** A 200 completion whose `message.content` is `""`. */
  emptyContent(): TestReply {
    return { content: "" };
  },
  /** A 200 completion whose connection drops halfway through the body. */
  droppedBody(): TestReply {
    return { dropBody: true };
  },
  /** A 200 reply with an HTML body and `text/html` content type (e.g. a proxy page). */
  notJson(): TestReply {
    return { body: "<html>gateway</html>", contentType: "text/html" };
  },
};

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

function stalledBody(text: string, ms: number, signal: AbortSignal): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  const half = Math.floor(bytes.length / 2);
  return new ReadableStream({
    async start(controller) {
      controller.enqueue(bytes.slice(0, half));
      await delay(ms, signal);
      try {
        controller.enqueue(bytes.slice(half));
        controller.close();
      } catch {
        // The client hung up; nothing to deliver.
      }
    },
  });
}

function droppedBody(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes.slice(0, Math.floor(bytes.length / 2)));
      controller.error(new Error("scripted connection drop"));
    },
  });
}

function completionBody(reply: TestReply, request: RecordedRequest): string {
  const asked = (request.body ?? {}) as { model?: unknown; n?: unknown };
  const n = typeof asked.n === "number" && asked.n > 0 ? asked.n : 1;
  const content = reply.content === undefined ? "ok" : reply.content;
  const usage = reply.usage ?? { promptTokens: 10, completionTokens: 2 };
  return JSON.stringify({
    id: `chatcmpl-test-${request.index}`,
    object: "chat.completion",
    created: 0,
    model: asked.model ?? "unknown",
    choices: Array.from({ length: n }, (_, index) => ({
      index,
      message: { role: "assistant", content },
      finish_reason: "stop",
    })),
    usage: {
      prompt_tokens: usage.promptTokens,
      completion_tokens: usage.completionTokens,
      total_tokens: usage.promptTokens + usage.completionTokens,
    },
  });
}

async function record(req: Request, index: number): Promise<RecordedRequest> {
  const rawBody = await req.text();
  let body: unknown = null;
  try {
    body = rawBody === "" ? null : JSON.parse(rawBody);
  } catch {
    body = null;
  }
  return {
    index,
    method: req.method,
    path: new URL(req.url).pathname,
    headers: Object.fromEntries(req.headers),
    body,
    rawBody,
    receivedAt: performance.now(),
  };
}

/** Starts a server on 127.0.0.1 at a free port. Close it when done (or use `await using`). */
export function startOpenAiTestServer(options: OpenAiTestServerOptions = {}): OpenAiTestServer {
  const queue: TestReply[] = [...(options.replies ?? [])];
  let respond: Responder = options.respond ?? (() => replies.answer("ok"));
  const models = options.models ?? ["test-model"];
  const requests: RecordedRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let arrivals = 0;
  const closing = new AbortController();

  async function handle(req: Request): Promise<Response> {
    const request = await record(req, arrivals++);
    requests.push(request);
    if (req.method === "GET" && request.path.endsWith("/models")) {
      const data = models.map((id) => ({ id, object: "model", created: 0, owned_by: "test" }));
      return Response.json({ object: "list", data });
    }
    if (req.method !== "POST" || !request.path.endsWith("/chat/completions")) {
      return Response.json({ error: { message: `no route ${request.path}` } }, { status: 404 });
    }
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const reply = queue.shift() ?? await respond(request);
      await delay(reply.delayMs ?? 0, closing.signal);
      const text = reply.body ?? completionBody(reply, request);
      const content = reply.dropBody
        ? droppedBody(text)
        : reply.bodyDelayMs
        ? stalledBody(text, reply.bodyDelayMs, closing.signal)
        : text;
      return new Response(content, {
        status: reply.status ?? 200,
        headers: { "content-type": reply.contentType ?? "application/json", ...reply.headers },
      });
    } finally {
      inFlight--;
    }
  }

  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, handle);
  const port = server.addr.port;
  const close = async () => {
    closing.abort();
    await server.shutdown();
  };
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    chatRequests: () => requests.filter((r) => r.path.endsWith("/chat/completions")),
    inFlight: () => inFlight,
    maxInFlight: () => maxInFlight,
    enqueue: (...queued) => void queue.push(...queued),
    respondWith(next) {
      respond = next;
    },
    reset() {
      requests.length = 0;
      maxInFlight = inFlight;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
