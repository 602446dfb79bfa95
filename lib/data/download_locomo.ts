/**
 * Downloading `locomo10.json` once, with a checksum, written atomically.
 *
 * @module
 */

import { createHash } from "node:crypto";
import { writeFileAtomic } from "../io/mod.ts";

/** The public address of the benchmark file. */
export const LOCOMO_URL =
  "https://raw.githubusercontent.com/snap-research/locomo/main/data/locomo10.json";
/** The sha256 of the published `locomo10.json` (2,805,274 bytes). */
export const LOCOMO_SHA256 = "79fa87e90f04081343b8c8debecb80a9a6842b76a7aa537dc9fdf651ea698ff4";

/** The download failed or its content did not match the checksum. */
export class LocomoDownloadError extends Error {
  /** The address that was fetched. */
  readonly url: string;
  /** The HTTP status, when a response came. */
  readonly status: number | undefined;

  /** Builds the error. */
  constructor(message: string, url: string, status?: number, options?: ErrorOptions) {
    super(message, options);
    this.name = "LocomoDownloadError";
    this.url = url;
    this.status = status;
  }
}

/** Options of {@link downloadLocomo}. */
export interface DownloadLocomoOptions {
  /** Address to fetch. Default: {@link LOCOMO_URL}. */
  url?: string;
  /** Expected sha256 (hex). Default: {@link LOCOMO_SHA256}. */
  sha256?: string;
  /** The fetch to use. Default: `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Called as bytes arrive (`total` is 0 when unknown). Default: none. */
  onProgress?: (received: number, total: number) => void;
}

/** What {@link downloadLocomo} did. */
export interface DownloadResult {
  /** The file path. */
  path: string;
  /** Whether it was fetched now (`false`: a valid copy was already there). */
  downloaded: boolean;
  /** Its size in bytes. */
  bytes: number;
}

/** The sha256 of a file in hex, or `undefined` when it does not exist. */
export async function fileSha256(path: string): Promise<string | undefined> {
  try {
    return createHash("sha256").update(await Deno.readFile(path)).digest("hex");
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

/**
 * Downloads LOCOMO to `dest` unless a copy with the right checksum is already there. The file
 * appears only once it is complete and verified (temporary file, then rename).
 *
 * @throws {LocomoDownloadError} on network errors, non-200 answers or a checksum mismatch.
 */
export async function downloadLocomo(
  dest: string,
  options: DownloadLocomoOptions = {},
): Promise<DownloadResult> {
  const url = options.url ?? LOCOMO_URL;
  const expected = options.sha256 ?? LOCOMO_SHA256;
  const doFetch = options.fetch ?? globalThis.fetch;
  const existing = await fileSha256(dest);
  if (existing === expected) {
    return { path: dest, downloaded: false, bytes: (await Deno.stat(dest)).size };
  }
  let response: Response;
  try {
    response = await doFetch(url);
  } catch (cause) {
    throw new LocomoDownloadError(
      `Could not download LOCOMO from ${url}: ${(cause as Error).message}. If this machine is ` +
        `offline, copy locomo10.json to ${dest} by hand, or set LOCOMO_PATH to a local copy.`,
      url,
      undefined,
      { cause },
    );
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new LocomoDownloadError(
      `Could not download LOCOMO from ${url}: HTTP ${response.status} ${response.statusText}`,
      url,
      response.status,
    );
  }
  const total = Number(response.headers.get("content-length") ?? 0);
  const hash = createHash("sha256");
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    for await (const chunk of response.body) {
      chunks.push(chunk);
      hash.update(chunk);
      received += chunk.length;
      options.onProgress?.(received, total);
    }
  } catch (cause) {
    throw new LocomoDownloadError(
      `Download of LOCOMO from ${url} broke off after ${received} bytes: ` +
        `${(cause as Error).message}; nothing was written. Try again.`,
      url,
      response.status,
      { cause },
    );
  }
  const actual = hash.digest("hex");
  if (actual !== expected) {
    throw new LocomoDownloadError(
      `Downloaded LOCOMO has sha256 ${actual}, expected ${expected}; nothing was written. ` +
        "Try again, or check the address.",
      url,
      response.status,
    );
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  await writeFileAtomic(dest, bytes);
  return { path: dest, downloaded: true, bytes: received };
}
