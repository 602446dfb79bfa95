/**
 * Reading JSON request bodies with a size limit.
 *
 * @module
 */

import { BodyTooLargeError, RequestValidationError } from "./errors.ts";

/**
 * Reads a request body as JSON. Returns `undefined` for an empty body.
 *
 * @throws {BodyTooLargeError} when the declared or actual size exceeds `maxBytes` (reading stops
 *   as soon as the limit is crossed).
 * @throws {RequestValidationError} (`json_invalid`) when the body is not UTF-8 JSON.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) {
    await request.body?.cancel().catch(() => {});
    throw new BodyTooLargeError(maxBytes, declared);
  }
  if (!request.body) return undefined;
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError(maxBytes, size);
    }
    chunks.push(value);
  }
  if (size === 0) return undefined;
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (error) {
    throw new RequestValidationError([{
      type: "json_invalid",
      loc: ["body"],
      msg: "JSON decode error: body is not valid UTF-8",
    }], { cause: error });
  }
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RequestValidationError([{
      type: "json_invalid",
      loc: ["body"],
      msg: `JSON decode error: ${(error as Error).message}`,
      input: text.length > 200 ? `${text.slice(0, 200)}…` : text,
    }], { cause: error });
  }
}
