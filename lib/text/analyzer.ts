/**
 * Turning text into index terms: lowercase words, optional stopword removal (English stopwords:
 * function words and question words that carry no topic) and stemming.
 *
 * @module
 */

import { porterStem } from "./porter_stemmer.ts";

/**
 * Lowercase words the retriever ignores by default: articles, pronouns, auxiliaries,
 * prepositions, conjunctions and question words (who, what, when…), in their apostrophe-free form.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    "a about above after again against all am an and any are as at be because been before being " +
    "below between both but by can could did do does doing down during each few for from further " +
    "had has have having he her here hers herself him himself his how i if in into is it its " +
    "itself just me more most my myself no nor not now of off on once only or other our ours " +
    "ourselves out over own same she should so some such than that the their theirs them " +
    "themselves then there these they this those through to too under until up very was we were " +
    "what when where which while who whom why will with would you your yours yourself yourselves " +
    "s t d ll m re ve don didn doesn isn wasn weren won wouldn couldn shouldn hasn haven hadn " +
    "aren ain im ive id youre thats whats theres lets also get got go going gone went really " +
    "yeah yes oh hey hi wow thanks thank like one"
  ).split(" "),
);

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
 * import { words } from "./analyzer.ts";
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
 * import { analyze, resolveAnalyzerOptions } from "./analyzer.ts";
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
 * import { resolveAnalyzerOptions, withStemCache } from "./analyzer.ts";
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
