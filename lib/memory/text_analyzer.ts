/**
 * Turning text into index terms: lowercase words, optional stopword removal and stemming.
 *
 * @module
 */

import { porterStem } from "../metrics/porter_stemmer.ts";
import { STOPWORDS } from "./stopwords.ts";

/** How text becomes terms. Every field has a default (see {@link resolveAnalyzerOptions}). */
export interface AnalyzerOptions {
  /** Stems every word. Default: `true`. */
  stem?: boolean;
  /** The stemmer used when `stem` is on. Default: {@link porterStem}. */
  stemmer?: (word: string) => string;
  /** Drops {@link STOPWORDS}. Default: `true`. */
  removeStopwords?: boolean;
}

/** {@link AnalyzerOptions} with every default filled in. */
export interface AnalyzerConfig {
  /** Whether words are stemmed. */
  stem: boolean;
  /** The stemmer. */
  stemmer: (word: string) => string;
  /** Whether stopwords are dropped. */
  removeStopwords: boolean;
}

/** Fills in the defaults of {@link AnalyzerOptions}. */
export function resolveAnalyzerOptions(options: AnalyzerOptions = {}): AnalyzerConfig {
  return {
    stem: options.stem ?? true,
    stemmer: options.stemmer ?? porterStem,
    removeStopwords: options.removeStopwords ?? true,
  };
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/**
 * Splits text into lowercase words. A possessive `'s` is dropped (`Mel's` → `mel`); other
 * apostrophes are removed (`don't` → `dont`).
 *
 * @example
 * ```ts
 * import { words } from "./text_analyzer.ts";
 * words("Mel's kids don't swim."); // ["mel", "kids", "dont", "swim"]
 * ```
 */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const w = match[0].replace(/['’]s$/, "").replace(/['’]/g, "");
    if (w !== "") out.push(w);
  }
  return out;
}

/**
 * The index terms of `text` under `config`: words, minus stopwords, stemmed.
 *
 * @example
 * ```ts
 * import { analyze, resolveAnalyzerOptions } from "./text_analyzer.ts";
 * analyze("When did Caroline go painting?", resolveAnalyzerOptions()); // ["carolin", "paint"]
 * ```
 */
export function analyze(text: string, config: AnalyzerConfig): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    if (config.removeStopwords && STOPWORDS.has(w)) continue;
    out.push(config.stem ? config.stemmer(w) : w);
  }
  return out;
}

/**
 * The same config with a stemmer that remembers its results (the cache lives in the returned
 * config, so each memory owns its own).
 *
 * @example
 * ```ts
 * import { resolveAnalyzerOptions, withStemCache } from "./text_analyzer.ts";
 * const config = withStemCache(resolveAnalyzerOptions());
 * config.stemmer("painting"); // "paint" (computed once, then cached)
 * ```
 */
export function withStemCache(config: AnalyzerConfig): AnalyzerConfig {
  const cache = new Map<string, string>();
  const stemmer = config.stemmer;
  return {
    ...config,
    stemmer: (word) => {
      let stem = cache.get(word);
      if (stem === undefined) {
        stem = stemmer(word);
        cache.set(word, stem);
      }
      return stem;
    },
  };
}
