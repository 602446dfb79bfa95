/**
 * The embedded Arbor-compatible HTTP server: one dialect per instance, `Deno.serve` on
 * 127.0.0.1, the same code in-process (tests, notebooks) and from the CLI.
 *
 * Wire choices (see `docs/arbor-protocol.md`):
 * - 2025.11 answers every GRPO call with Arbor's exact `GRPOStatus`. Training figures (loss, KL,
 *   gradient norm, rewards, advantages) are NOT added to it; they are served by the extension
 *   `GET /v1/fine_tuning/grpo/metrics?job_id=…` (and `server.jobs`). The one extra field is
 *   `ignored_fields` on `initialize` (harmless to pydantic and zod clients): sent settings the
 *   CPU trainer cannot honour (LoRA, bf16, GPU counts, …), also written to the job's `config.json`.
 * - Bodies are checked like Arbor's pydantic models (HEAD: unknown fields → 422
 *   `extra_forbidden`; 2025.06: unknown fields ignored and listed in `ignored_fields`). Group
 *   items are checked too (422 at `body.batch.<i>.<field>`), stricter than Arbor's 400.
 * - Trainer settings a real Arbor would reject or hang on (G < 2, no `max_steps`, null
 *   `max_seq_len`, G not dividing the generation batch) answer 400 with the reason.
 * - Chat routing: prefixes `openai/`, `huggingface/`, `local:`, `arbor:` are stripped; a job id
 *   (2025.11) or the job's base model / output folder (2025.06) serves the job's policy; a
 *   checkpoint folder path serves that checkpoint; any other name serves a fresh untrained policy
 *   (what Arbor does by launching vLLM on a base model). Requests without `seed` get a fresh
 *   well-mixed seed derived from the server seed.
 * - Every error is JSON: 422 `{"detail": [...]}`, 404/405/413 `{"detail": "..."}`, otherwise
 *   `{"type", "message", "timestamp"}` (400 for bad values and unknown job ids, 404 for a missing
 *   checkpoint, 500 for a concurrent checkpoint or an unexpected failure).
 *
 * @module
 */

import { BodyTooLargeError } from "./errors.ts";
import { errorResponse, jsonResponse } from "./error_response.ts";
import { JobStore, type ReadonlyJobStore } from "./job_store.ts";
import { buildOpenApiDocument } from "./openapi.ts";
import { PolicyRegistry } from "./policy_registry.ts";
import { readJsonBody } from "./http_body.ts";
import { findRoute, type Route, type ServerContext } from "./router.ts";
import { headRoutes } from "./routes_head.ts";
import { midRoutes } from "./routes_mid.ts";
import { openAiRoutes } from "./routes_openai.ts";
import type { ArborDialect } from "../protocol/mod.ts";
import { type EmbeddedServerOptions, resolveServerOptions } from "./server_options.ts";

/** A running embedded server. */
export interface EmbeddedServer {
  /** The `/v1/` base URL with trailing slash, e.g. `http://127.0.0.1:7453/v1/`. */
  url: string;
  /** Scheme, host and port without path, e.g. `http://127.0.0.1:7453`. */
  origin: string;
  /** The port actually bound. */
  port: number;
  /** The interface bound. */
  hostname: string;
  /** The wire dialect. */
  dialect: ArborDialect;
  /** Absolute root of job folders and checkpoints. */
  outputDir: string;
  /** The server's GRPO jobs (read access). */
  jobs: ReadonlyJobStore;
  /** Names a `loadCheckpoint` policy is served under (empty without one). */
  loadedModelNames: string[];
  /** Resolves when the server has stopped. */
  finished: Promise<void>;
  /** Stops accepting requests, lets in-flight ones finish, and resolves when stopped. */
  close(): Promise<void>;
  /** Same as {@link EmbeddedServer.close} (for `await using`). */
  [Symbol.asyncDispose](): Promise<void>;
}

function urlHost(hostname: string): string {
  if (hostname === "0.0.0.0") return "127.0.0.1";
  if (hostname === "::") return "[::1]";
  return hostname.includes(":") ? `[${hostname}]` : hostname;
}

/** Well-mixed 31-bit seeds from the server seed and a request counter (a murmur3 finaliser). */
function seedCounter(seed: number): () => number {
  let counter = 0;
  return () => {
    let h = (Math.imul(seed, 0x9e3779b1) ^ Math.imul(++counter, 0x85ebca6b)) >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return ((h ^ (h >>> 16)) >>> 0) >>> 1;
  };
}

/**
 * Starts an embedded Arbor-compatible server.
 *
 * @example
 * ```ts ignore
 * const server = await startEmbeddedServer({ createPolicy, dialect: "2025.11", port: 0 });
 * console.log(server.url); // http://127.0.0.1:54321/v1/
 * await server.close();
 * ```
 *
 * @throws {TypeError|RangeError} for bad options.
 * @throws {CheckpointNotFoundError} when `loadCheckpoint` names no readable checkpoint.
 */
export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const config = resolveServerOptions(options);
  const jobs = new JobStore();
  const registry = new PolicyRegistry(config, jobs);
  const context: ServerContext = { config, jobs, registry, nextSeed: seedCounter(config.seed) };
  const loadedModelNames = config.loadCheckpoint === null
    ? []
    : await registry.load(config.loadCheckpoint);

  const routes: Route[] = [
    ...(config.dialect === "2025.11" ? headRoutes(context) : midRoutes(context)),
    ...openAiRoutes(context),
  ];
  const openApiRoute: Route = {
    method: "GET",
    path: "/openapi.json",
    summary: "This document",
    handle: () => jsonResponse(document),
  };
  routes.push(openApiRoute);
  const document = buildOpenApiDocument(routes, config.dialect);

  async function handle(request: Request): Promise<Response> {
    try {
      const declared = Number(request.headers.get("content-length") ?? "NaN");
      if (Number.isFinite(declared) && declared > config.maxBodyBytes) {
        throw new BodyTooLargeError(config.maxBodyBytes, declared);
      }
      const url = new URL(request.url);
      const found = findRoute(routes, request.method, url.pathname);
      if (found instanceof Response) return found;
      return await found.handle({
        request,
        url,
        body: () => readJsonBody(request, config.maxBodyBytes),
      });
    } catch (error) {
      return errorResponse(error, config.now());
    }
  }

  const server = Deno.serve({
    hostname: config.hostname,
    port: config.port,
    onListen: () => {},
    handler: handle,
  });
  const port = server.addr.port;
  const origin = `http://${urlHost(config.hostname)}:${port}`;
  const finished = server.finished;
  let closing: Promise<void> | null = null;
  const close = () => (closing ??= server.shutdown().then(() => finished));
  return {
    url: `${origin}/v1/`,
    origin,
    port,
    hostname: config.hostname,
    dialect: config.dialect,
    outputDir: config.outputDir,
    jobs,
    loadedModelNames,
    finished,
    close,
    [Symbol.asyncDispose]: close,
  };
}
