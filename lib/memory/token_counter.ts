/**
 * Token counting with `npm:tiktoken`: encoders are created once per encoding and freed.
 *
 * @module
 */

import { get_encoding, type Tiktoken } from "../deps.ts";

/**
 * A tiktoken encoding name memgrpo accepts. `o200k_base` (GPT-4o family) is the default;
 * `cl100k_base` (GPT-4 / GPT-3.5) is the other common choice.
 */
export type TokenEncoding = "o200k_base" | "cl100k_base" | "p50k_base" | "r50k_base" | "gpt2";

/** The default encoding: `o200k_base`, the tokenizer of the GPT-4o models used by the judges. */
export const DEFAULT_TOKEN_ENCODING: TokenEncoding = "o200k_base";

const ENCODINGS: readonly TokenEncoding[] = [
  "o200k_base",
  "cl100k_base",
  "p50k_base",
  "r50k_base",
  "gpt2",
];

/** Counts tokens of text with one encoding. Free it with `free()` or a `using` declaration. */
export interface TokenCounter extends Disposable {
  /** The encoding it counts with. */
  readonly encoding: TokenEncoding;
  /** The number of tokens of `text` (special-token text such as `<|endoftext|>` counts as text). */
  count(text: string): number;
  /** Frees the WASM encoder; later calls to `count` throw. Safe to call twice. */
  free(): void;
}

/**
 * Creates a counter that owns its own encoder (read permission is needed to load tiktoken's WASM).
 *
 * @example
 * ```ts ignore
 * using counter = createTokenCounter("o200k_base");
 * counter.count("Hello world"); // 2
 * ```
 *
 * @throws {RangeError} when `encoding` is not a known tiktoken encoding.
 */
export function createTokenCounter(encoding: TokenEncoding = DEFAULT_TOKEN_ENCODING): TokenCounter {
  if (!ENCODINGS.includes(encoding)) {
    throw new RangeError(
      `Unknown token encoding: ${JSON.stringify(encoding)} (expected one of ${
        ENCODINGS.join(", ")
      })`,
    );
  }
  let encoder: Tiktoken | undefined = get_encoding(encoding);
  const free = () => {
    encoder?.free();
    encoder = undefined;
  };
  return {
    encoding,
    count(text: string): number {
      if (encoder === undefined) {
        throw new TypeError(`TokenCounter(${encoding}) was used after free()`);
      }
      return encoder.encode_ordinary(text).length;
    },
    free,
    [Symbol.dispose]: free,
  };
}

/**
 * Hands out one shared {@link TokenCounter} per encoding, so that encoders are created once; it
 * owns them and frees them all in `free()` (or at the end of a `using` block). Counters it hands
 * out must not be freed by their users.
 */
export interface TokenCounterPool extends Disposable {
  /** The counter for `encoding`, created on first use. */
  get(encoding?: TokenEncoding): TokenCounter;
  /** Frees every counter created so far. */
  free(): void;
}

/**
 * Creates a {@link TokenCounterPool}: a small cache of encoders keyed by encoding name.
 *
 * @example
 * ```ts ignore
 * using pool = createTokenCounterPool();
 * const counter = pool.get(); // o200k_base
 * counter === pool.get("o200k_base"); // true: created once
 * ```
 */
export function createTokenCounterPool(): TokenCounterPool {
  const counters = new Map<TokenEncoding, TokenCounter>();
  const free = () => {
    for (const counter of counters.values()) counter.free();
    counters.clear();
  };
  return {
    get(encoding: TokenEncoding = DEFAULT_TOKEN_ENCODING): TokenCounter {
      let counter = counters.get(encoding);
      if (counter === undefined) {
        counter = createTokenCounter(encoding);
        counters.set(encoding, counter);
      }
      return counter;
    },
    free,
    [Symbol.dispose]: free,
  };
}
