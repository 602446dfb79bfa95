/**
 * A small method + path route table with FastAPI's 404/405 answers, and the state one server's
 * routes share.
 *
 * @module
 */

import { detailResponse } from "./error_response.ts";
import type { JobStore } from "./job_store.ts";
import type { PolicyRegistry } from "./policy_registry.ts";
import type { ResolvedServerConfig } from "./server_options.ts";
import type { AnySchema } from "./validation.ts";

/** Shared state of one server instance (no globals: two servers never share anything). */
export interface ServerContext {
  /** The resolved options. */
  config: ResolvedServerConfig;
  /** The GRPO jobs. */
  jobs: JobStore;
  /** Model name → policy routing for chat requests. */
  registry: PolicyRegistry;
  /** A fresh sampling seed for a request that has none (derived from the server seed). */
  nextSeed(): number;
}

/** What a route handler receives. */
export interface RouteContext {
  /** The request. */
  request: Request;
  /** Its parsed URL. */
  url: URL;
  /** Reads the body as JSON (size-limited; `undefined` when empty). */
  body(): Promise<unknown>;
}

/** One route. */
export interface Route {
  /** HTTP method. */
  method: "GET" | "POST";
  /** Exact path, e.g. `/v1/fine_tuning/grpo/step`. */
  path: string;
  /** One line for the OpenAPI document. */
  summary: string;
  /** The request body's schema, for the OpenAPI document. */
  requestSchema?: AnySchema;
  /** Handles the request. */
  handle(context: RouteContext): Promise<Response> | Response;
}

/** Finds the route for a request, or answers 404 (`Not Found`) / 405 (`Method Not Allowed`). */
export function findRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): Route | Response {
  const samePath = routes.filter((r) => r.path === path);
  if (samePath.length === 0) return detailResponse(404, "Not Found");
  const route = samePath.find((r) => r.method === method);
  if (route) return route;
  const allow = samePath.map((r) => r.method).join(", ");
  return detailResponse(405, "Method Not Allowed", { allow });
}
