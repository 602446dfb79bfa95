/**
 * JSON responses, and the mapping of every error to a status code and a JSON body:
 * 422 `{"detail": [...]}` for validation (FastAPI's shape), `{"detail": "..."}` for 404/405/413,
 * and Arbor HEAD's `{"type", "message", "timestamp"}` for everything else.
 *
 * @module
 */

import {
  BodyTooLargeError,
  CheckpointBusyError,
  CheckpointNotFoundError,
  GroupSizeError,
  JobStateError,
  RequestValidationError,
  TrainerConfigError,
  UnknownJobError,
  UnsupportedRequestError,
} from "./errors.ts";

/** A JSON response with the given status and extra headers. */
export function jsonResponse(
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** FastAPI's `HTTPException` shape: `{"detail": message}`. */
export function detailResponse(
  status: number,
  detail: string,
  headers?: Record<string, string>,
): Response {
  return jsonResponse({ detail }, status, headers);
}

function arborError(status: number, type: string, message: string, now: Date): Response {
  return jsonResponse({ type, message, timestamp: now.toISOString() }, status);
}

/**
 * Maps an error thrown while handling a request to a JSON response. Unknown errors give 500
 * with the error's class and message (never a stack trace).
 */
export function errorResponse(error: unknown, now: Date): Response {
  if (error instanceof RequestValidationError) return jsonResponse({ detail: error.details }, 422);
  if (error instanceof BodyTooLargeError) return detailResponse(413, error.message);
  if (error instanceof CheckpointNotFoundError) {
    return arborError(404, "FileNotFoundError", error.message, now);
  }
  if (
    error instanceof UnknownJobError || error instanceof GroupSizeError ||
    error instanceof TrainerConfigError || error instanceof JobStateError ||
    error instanceof UnsupportedRequestError
  ) {
    return arborError(400, "ValueError", error.message, now);
  }
  if (error instanceof CheckpointBusyError) {
    return arborError(500, "RuntimeError", error.message, now);
  }
  const name = error instanceof Error ? error.name : "Error";
  const message = error instanceof Error ? error.message : String(error);
  return arborError(500, name, message, now);
}
