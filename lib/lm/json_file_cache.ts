/**
 * A small on-disk cache of JSON values keyed by JSON values, one file per entry.
 *
 * @module
 */

import { writeFileAtomic } from "../io/mod.ts";

/** A JSON-serialisable value. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/** An on-disk cache from {@link createJsonFileCache}. */
export interface JsonFileCache {
  /** The folder holding the entries. */
  readonly dir: string;
  /** The value stored under `key`, or `null` on a miss (a corrupt entry counts as a miss). */
  get(key: JsonValue): Promise<JsonValue | null>;
  /** Stores `value` under `key` (atomically; concurrent writers of one key are safe). */
  set(key: JsonValue, value: JsonValue): Promise<void>;
}

/** JSON with object keys sorted at every level, so equal values always give equal text. */
export function stableStringify(value: JsonValue): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(value[k]!)}`).join(",")}}`;
}

/** The SHA-256 of `text` in lowercase hex. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * A cache in `dir` (created on first write): each entry is `<sha256 of the key>.json` holding
 * `{ key, value }`; a read checks the stored key, so a hash collision is a miss. Never store
 * secrets in keys or values: entries are plain files.
 */
export function createJsonFileCache(dir: string): JsonFileCache {
  if (typeof dir !== "string" || dir === "") {
    throw new TypeError(`cache dir must be a non-empty path, got ${String(dir)}`);
  }
  const pathOf = async (keyText: string) => `${dir}/${await sha256Hex(keyText)}.json`;
  return {
    dir,
    async get(key) {
      const keyText = stableStringify(key);
      let text: string;
      try {
        text = await Deno.readTextFile(await pathOf(keyText));
      } catch (error) {
        if (error instanceof Deno.errors.NotFound) return null;
        throw error;
      }
      try {
        const entry = JSON.parse(text) as { key?: JsonValue; value?: JsonValue };
        if (entry.key === undefined || stableStringify(entry.key) !== keyText) return null;
        return entry.value ?? null;
      } catch {
        return null;
      }
    },
    async set(key, value) {
      const keyText = stableStringify(key);
      await writeFileAtomic(await pathOf(keyText), JSON.stringify({ key, value }) + "\n");
    },
  };
}
