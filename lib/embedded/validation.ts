/**
 * Request-body validation with zod, reported the way FastAPI/pydantic report it: HTTP 422 with
 * `{"detail": [{"type", "loc": ["body", ...], "msg", "input"}]}`.
 *
 * @module
 */

import type { z } from "../deps.ts";
import { RequestValidationError, type ValidationDetail } from "./errors.ts";

type Path = (string | number)[];

/** A zod schema of any input and output type. */
export type AnySchema = z.ZodType;

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = root;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const TYPE_NAMES: Record<string, { type: string; msg: string }> = {
  number: { type: "float_type", msg: "Input should be a valid number" },
  int: { type: "int_type", msg: "Input should be a valid integer" },
  string: { type: "string_type", msg: "Input should be a valid string" },
  boolean: { type: "bool_type", msg: "Input should be a valid boolean" },
  array: { type: "list_type", msg: "Input should be a valid list" },
  record: { type: "dict_type", msg: "Input should be a valid dictionary" },
  object: {
    type: "model_attributes_type",
    msg: "Input should be a valid dictionary or object to extract fields from",
  },
};

function issueToDetails(issue: z.core.$ZodIssue, body: unknown, prefix: Path): ValidationDetail[] {
  const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)) as Path;
  const loc: Path = ["body", ...prefix, ...path];
  const input = valueAt(body, issue.path);
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => ({
        type: "extra_forbidden",
        loc: [...loc, key],
        msg: "Extra inputs are not permitted",
        input: (input as Record<string, unknown>)?.[key],
      }));
    case "invalid_type": {
      if (input === undefined) {
        return [{ type: "missing", loc, msg: "Field required" }];
      }
      const known = TYPE_NAMES[issue.expected] ??
        { type: `${issue.expected}_type`, msg: `Input should be a valid ${issue.expected}` };
      return [{ type: known.type, loc, msg: known.msg, input }];
    }
    case "too_small":
      return [{
        type: issue.inclusive === false ? "greater_than" : "greater_than_equal",
        loc,
        msg: `Input should be greater than${issue.inclusive === false ? "" : " or equal to"} ` +
          String(issue.minimum),
        input,
      }];
    case "too_big":
      return [{
        type: issue.inclusive === false ? "less_than" : "less_than_equal",
        loc,
        msg: `Input should be less than${issue.inclusive === false ? "" : " or equal to"} ` +
          String(issue.maximum),
        input,
      }];
    case "invalid_value":
      return [{
        type: "literal_error",
        loc,
        msg: `Input should be ${issue.values.map((v) => JSON.stringify(v)).join(" or ")}`,
        input,
      }];
    default:
      return [{ type: "value_error", loc, msg: issue.message, input }];
  }
}

/**
 * Converts zod issues into FastAPI-style details. `prefix` is prepended after `"body"` (used
 * when a sub-value, e.g. `batch`, is validated on its own).
 */
export function zodIssuesToDetails(
  issues: readonly z.core.$ZodIssue[],
  body: unknown,
  prefix: Path = [],
): ValidationDetail[] {
  return issues.flatMap((issue) => issueToDetails(issue, body, prefix));
}

/**
 * Validates `body` against `schema`.
 *
 * @throws {RequestValidationError} with one detail per problem (unknown fields each get their
 *   own `extra_forbidden` detail naming the field).
 */
export function parseBody<S extends AnySchema>(
  schema: S,
  body: unknown,
  prefix: Path = [],
): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw new RequestValidationError(zodIssuesToDetails(result.error.issues, body, prefix));
}
