/**
 * A strict Arbor stand-in for tests: both dialects (2025.11 and 2025.06), request bodies
 * validated like Arbor's pydantic schemas (unknown fields → 422 with `loc`), protocol rules
 * enforced (one group per pending id, exactly `num_generations` items, no id twice,
 * `max_seq_len` required), `/openapi.json`, a scripted `/v1/chat/completions`, scripted faults
 * (error statuses, slow replies, a trainer that stops requesting data) and a record of every
 * request. Close it to get "connection refused".
 *
 * @module
 */

import {
  type HeadJob,
  HeadJobs,
  MidJobs,
  type Reply,
  type TrainerScript,
} from "./arbor_standin_jobs.ts";

export { type HeadJob, HeadJobs, MidJobs, type Reply, type TrainerScript };
import { chatRequest, validationDetails } from "./arbor_standin_schemas.ts";

/** A scripted fault, applied to the next `times` requests whose path ends with `path`. */
export interface StandinFault {
  /** Path suffix, e.g. `"grpo/step"`, `"openapi.json"`. */
  path: string;
  /** Reply status; omit to only delay and then answer normally. */
  status?: number;
  /** Reply body (JSON, or a string sent as text). Default: `{"detail": "scripted fault"}`. */
  body?: unknown;
  /** Wait before answering, ms (`Infinity` never answers until the client gives up). */
  delayMs?: number;
  /** How many requests it applies to. Default: 1. */
  times?: number;
}

/** One received request. */
export interface RecordedRequest {
  /** HTTP method. */
  method: string;
  /** URL path. */
  path: string;
  /** Raw body text (`""` when none). */
  text: string;
  /** Parsed JSON body, or `undefined` when empty or not JSON. */
  body: unknown;
  /** Time spent in the stand-in's handler incl. reading the body, ms (scripted delays excluded). */
  handlerMs: number;
}

/** Options of {@link createArborStandin}. */
export interface StandinOptions {
  /** Dialect. Default: `"2025.11"`. */
  dialect?: "2025.11" | "2025.06";
  /** Serve `/openapi.json`. Default: `true`. */
  openapi?: boolean;
  /** Serve `GET /health` (mid-2025 June–August builds). Default: `false`. */
  health?: boolean;
  /** Mid-2025: reject unknown initialize fields (real Arbor ignores them). Default: `true`. */
  strictMid?: boolean;
  /** Chat answer text, or `null` for HEAD's silent-failure `null` body. Default: `"42"`. */
  chatReply?: string | null;
}

/** The stand-in without a network listener (use {@link startArborStandin} for one). */
export interface ArborStandin {
  /** Handles one request. */
  handler: (request: Request) => Promise<Response>;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Pending faults; push more at any time. */
  readonly faults: StandinFault[];
  /** The trainer's behaviour (`stopped = true`: it requests no more data). */
  readonly trainer: TrainerScript;
  /** HEAD jobs (2025.11). */
  readonly head: HeadJobs;
  /** The global job (2025.06). */
  readonly mid: MidJobs;
  /** Requests whose path ends with `suffix`. */
  requestsTo(suffix: string): RecordedRequest[];
  /** Aborts scripted delays (so a closing server does not wait for them). */
  cancelDelays(): void;
}

const HEAD_ROUTES = ["initialize", "status", "step", "checkpoint", "terminate", "cancel"];
const MID_ROUTES = ["initialize", "step", "checkpoint", "terminate"];

function respond([status, body]: Reply): Response {
  if (typeof body === "string") return new Response(body, { status });
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json" },
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
    signal.addEventListener("abort", done, { once: true });
  });
}

/** Builds a stand-in (no listener). */
export function createArborStandin(options: StandinOptions = {}): ArborStandin {
  const dialect = options.dialect ?? "2025.11";
  const routes = dialect === "2025.11" ? HEAD_ROUTES : MID_ROUTES;
  const trainer: TrainerScript = { pendingAhead: 2, stopped: false };
  const head = new HeadJobs(trainer);
  const mid = new MidJobs(options.strictMid ?? true);
  const requests: RecordedRequest[] = [];
  const faults: StandinFault[] = [];
  const delays = new AbortController();
  const chatReply = options.chatReply === undefined ? "42" : options.chatReply;
  const paths = Object.fromEntries([
    ...routes.map((r) => [`/v1/fine_tuning/grpo/${r}`, { post: {} }]),
    ["/v1/chat/completions", { post: {} }],
  ]);

  function route(method: string, path: string, body: unknown): Reply {
    if (method === "GET" && path === "/openapi.json" && options.openapi !== false) {
      return [200, { openapi: "3.1.0", info: { title: "Arbor stand-in" }, paths }];
    }
    if (method === "GET" && path === "/health" && options.health) return [200, { status: "ok" }];
    if (method === "POST" && path === "/v1/chat/completions") {
      const parsed = chatRequest.safeParse(body);
      if (!parsed.success) return [422, { detail: validationDetails(parsed.error) }];
      if (chatReply === null) return [200, null];
      return [200, {
        id: "chatcmpl-standin",
        object: "chat.completion",
        created: 0,
        model: parsed.data.model.replace(/^arbor:/, ""),
        choices: [{
          index: 0,
          message: { role: "assistant", content: chatReply },
          finish_reason: "stop",
        }],
      }];
    }
    const match = /^\/v1\/fine_tuning\/grpo\/(\w+)$/.exec(path);
    if (method === "POST" && match && routes.includes(match[1]!)) {
      return dialect === "2025.11" ? head.handle(match[1]!, body) : mid.handle(match[1]!, body);
    }
    return [404, { detail: "Not Found" }];
  }

  async function handler(request: Request): Promise<Response> {
    const start = performance.now();
    let delayed = 0;
    const path = new URL(request.url).pathname;
    const text = await request.text();
    let body: unknown;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    const record: RecordedRequest = { method: request.method, path, text, body, handlerMs: 0 };
    requests.push(record);
    const fault = faults.find((f) => path.endsWith(f.path) && (f.times ?? 1) > 0);
    if (fault !== undefined) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times === 0) faults.splice(faults.indexOf(fault), 1);
      if (fault.delayMs) {
        const d0 = performance.now();
        await sleep(fault.delayMs, delays.signal);
        delayed = performance.now() - d0;
      }
      if (fault.status !== undefined) {
        return respond([fault.status, fault.body ?? { detail: "scripted fault" }]);
      }
    }
    if (text !== "" && body === undefined) {
      return respond([422, {
        detail: [{ type: "json_invalid", loc: ["body", 0], msg: "JSON decode error" }],
      }]);
    }
    const reply = respond(route(request.method, path, body));
    record.handlerMs = performance.now() - start - delayed;
    return reply;
  }

  return {
    handler,
    requests,
    faults,
    trainer,
    head,
    mid,
    requestsTo: (suffix) => requests.filter((r) => r.path.endsWith(suffix)),
    cancelDelays: () => delays.abort(),
  };
}

/** A stand-in listening on 127.0.0.1. */
export interface RunningArborStandin extends ArborStandin {
  /** The `/v1/` base URL, e.g. `http://127.0.0.1:40123/v1/`. */
  readonly baseUrl: string;
  /** Stops listening (later requests are refused); scripted delays end at once. */
  close(): Promise<void>;
}

/** Starts a stand-in on `127.0.0.1`, port 0 (a free port). */
export function startArborStandin(options: StandinOptions = {}): RunningArborStandin {
  const standin = createArborStandin(options);
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    standin.handler,
  );
  let closed = false;
  return {
    ...standin,
    baseUrl: `http://127.0.0.1:${server.addr.port}/v1/`,
    close: async () => {
      if (closed) return;
      closed = true;
      standin.cancelDelays();
      await server.shutdown();
    },
  };
}
