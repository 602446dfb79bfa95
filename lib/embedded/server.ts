/**
 * The embedded Arbor-compatible HTTP server: one dialect per instance, `Deno.serve` on
 * 127.0.0.1, the same code in-process (tests, notebooks) and from the CLI.
 *
 * @module
 */

import { BodyTooLargeError } from "./errors.ts";
import { errorResponse, jsonResponse } from "./error_response.ts";
import { JobStore, type ReadonlyJobStore } from "./job_store.ts";
import { buildOpenApiDocument } from "./openapi.ts";
import { PolicyRegistry } from "./policy_registry.ts";
import { readJsonBody } from "./http_body.ts";
import { findRoute, type Route } from "./router.ts";
import { headRoutes } from "./routes_head.ts";
import { midRoutes } from "./routes_mid.ts";
import { openAiRoutes } from "./routes_openai.ts";
import type { ServerContext } from "./server_context.ts";
import {
  type ArborDialect,
  type EmbeddedServerOptions,
  resolveServerOptions,
} from "./server_options.ts";

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

function seedCounter(seed: number): () => number {
  let counter = 0;
  return () => (Math.imul(seed, 1_000_003) + 7919 * counter++) >>> 1;
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
