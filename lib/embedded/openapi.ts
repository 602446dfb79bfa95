/**
 * The server's `GET /openapi.json` document: its paths (how a client detects the dialect) and
 * the JSON Schema of each request body.
 *
 * @module
 */

import { z } from "../deps.ts";
import type { Route } from "./router.ts";
import type { ArborDialect } from "../protocol/mod.ts";

/** The Arbor version each dialect mirrors. */
export const ARBOR_VERSION_OF: Record<ArborDialect, string> = {
  "2025.11": "0.2.16",
  "2025.06": "0.2.1",
};

function schemaOf(route: Route): unknown {
  if (!route.requestSchema) return undefined;
  try {
    return z.toJSONSchema(route.requestSchema, { io: "input", unrepresentable: "any" });
  } catch {
    return { type: "object" };
  }
}

/** Builds the OpenAPI 3.1 document listing every route. */
export function buildOpenApiDocument(
  routes: readonly Route[],
  dialect: ArborDialect,
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const schema = schemaOf(route);
    const operation: Record<string, unknown> = {
      summary: route.summary,
      responses: { "200": { description: "Successful Response" } },
    };
    if (schema !== undefined) {
      operation.requestBody = { required: true, content: { "application/json": { schema } } };
      (operation.responses as Record<string, unknown>)["422"] = {
        description: "Validation Error",
      };
    }
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Arbor (memgrpo embedded)",
      version: ARBOR_VERSION_OF[dialect],
      "x-arbor-dialect": dialect,
    },
    paths,
  };
}
