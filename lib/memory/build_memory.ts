/**
 * Building the memory of a conversation: units from its turns, a tokenizer, a BM25 index.
 *
 * @module
 */

import { type Conversation, type Session, shortDate } from "../data/mod.ts";
import { renderMemoryLine } from "../protocol/mod.ts";
import {
  analyze,
  type AnalyzerOptions,
  resolveAnalyzerOptions,
  withStemCache,
} from "../text/mod.ts";
import { buildBm25Index } from "./bm25_index.ts";
import { checkInteger, type Memory, type MemoryUnit, type UnitSource } from "./memory_types.ts";
import { mentionsTime } from "./query_cues.ts";
import {
  createTokenCounter,
  DEFAULT_TOKEN_ENCODING,
  type TokenCounter,
  type TokenEncoding,
} from "./token_counter.ts";

/** The default memory budget in tokens (the seed guide's "20K memory"). */
export const DEFAULT_MEMORY_TOKENS = 20_000;

/** Options of {@link buildMemory}. */
export interface BuildMemoryOptions {
  /**
   * Token budget of every rendering of the memory into a prompt (CLI `--memory-tokens`).
   * Integer ≥ 0. Default: {@link DEFAULT_MEMORY_TOKENS} (20,000).
   */
  memoryTokens?: number;
  /**
   * Unit sources. `observation` and `session_summary` are the dataset authors' generated text,
   * labelled as such in every line. Default: `["dialogue"]`.
   */
  sources?: readonly MemoryUnit["source"][];
  /** Puts shared-image captions in units and the index. Default: `true`. */
  imageCaptions?: boolean;
  /** Indexes the speaker's name with each unit. Default: `true`. */
  indexSpeaker?: boolean;
  /** Indexes the session date (month name and year) with each unit. Default: `true`. */
  indexDate?: boolean;
  /**
   * How text becomes index terms: `stem` (default `true`) with `stemmer` (default: the Porter
   * stemmer), and `removeStopwords` (default `true`).
   */
  analyzer?: {
    stem?: boolean;
    stemmer?: (word: string) => string;
    removeStopwords?: boolean;
  };
  /**
   * Encoding of the tokenizer the memory creates: `o200k_base` (default), `cl100k_base`,
   * `p50k_base`, `r50k_base` or `gpt2`.
   */
  encoding?: "o200k_base" | "cl100k_base" | "p50k_base" | "r50k_base" | "gpt2";
  /**
   * A tokenizer to use instead of creating one (the caller keeps ownership and frees it).
   * Default: a new counter for `encoding`, freed by `memory.free()`. Creating an encoder takes
   * a few hundred milliseconds: pass one shared counter (e.g. from `createTokenCounterPool`)
   * when building many memories.
   *
   * @ignore
   */
  tokenCounter?: TokenCounter;
}

/** {@link BuildMemoryOptions} with every default filled in (except the tokenizer). */
export interface BuildMemoryConfig {
  /** See {@link BuildMemoryOptions.memoryTokens}. */
  memoryTokens: number;
  /** See {@link BuildMemoryOptions.sources}. */
  sources: readonly UnitSource[];
  /** See {@link BuildMemoryOptions.imageCaptions}. */
  imageCaptions: boolean;
  /** See {@link BuildMemoryOptions.indexSpeaker}. */
  indexSpeaker: boolean;
  /** See {@link BuildMemoryOptions.indexDate}. */
  indexDate: boolean;
  /** See {@link BuildMemoryOptions.analyzer}. */
  analyzer: AnalyzerOptions;
  /** See {@link BuildMemoryOptions.encoding}. */
  encoding: TokenEncoding;
}

const SOURCES: readonly UnitSource[] = ["dialogue", "observation", "session_summary"];

/**
 * Fills in and checks the defaults of {@link BuildMemoryOptions}.
 *
 * @throws {RangeError} when `memoryTokens` is not an integer ≥ 0 or a source is unknown.
 */
export function resolveBuildMemoryOptions(options: BuildMemoryOptions = {}): BuildMemoryConfig {
  const sources = options.sources ?? ["dialogue"];
  for (const source of sources) {
    if (!SOURCES.includes(source)) {
      throw new RangeError(
        `Unknown memory source: ${JSON.stringify(source)} (expected ${SOURCES.join(", ")})`,
      );
    }
  }
  return {
    memoryTokens: checkInteger("memoryTokens", options.memoryTokens ?? DEFAULT_MEMORY_TOKENS, 0),
    sources,
    imageCaptions: options.imageCaptions ?? true,
    indexSpeaker: options.indexSpeaker ?? true,
    indexDate: options.indexDate ?? true,
    analyzer: options.analyzer ?? {},
    encoding: options.encoding ?? DEFAULT_TOKEN_ENCODING,
  };
}

type Draft = Omit<MemoryUnit, "position" | "line" | "tokens" | "mentionsTime"> & {
  label: string;
  tag: string;
};

function sessionDrafts(
  conversation: Conversation,
  session: Session,
  config: BuildMemoryConfig,
): Draft[] {
  const date = shortDate(session.date, session.dateTime);
  const base = { session: session.index, sessionDateTime: session.dateTime, sessionDate: date };
  const drafts: Draft[] = [];
  if (config.sources.includes("dialogue")) {
    for (const turn of session.turns) {
      drafts.push({
        ...base,
        id: turn.diaId,
        label: turn.diaId,
        tag: "",
        source: "dialogue",
        generated: false,
        speaker: turn.speaker,
        text: turn.text,
        imageCaption: config.imageCaptions ? turn.imageCaption : undefined,
        diaIds: [turn.diaId],
      });
    }
  }
  if (config.sources.includes("observation")) {
    conversation.observations.filter((o) => o.session === session.index).forEach((o, n) => {
      drafts.push({
        ...base,
        id: `obs:${session.index}.${n}:${o.diaIds.join(",")}`,
        label: o.diaIds.join(",") || `S${session.index}`,
        tag: "(generated observation)",
        source: "observation",
        generated: true,
        speaker: o.speaker,
        text: o.text,
        imageCaption: undefined,
        diaIds: [...o.diaIds],
      });
    });
  }
  if (config.sources.includes("session_summary")) {
    for (const s of conversation.sessionSummaries.filter((s) => s.session === session.index)) {
      drafts.push({
        ...base,
        id: `summary:S${session.index}`,
        label: `S${session.index}`,
        tag: "(generated session summary)",
        source: "session_summary",
        generated: true,
        speaker: undefined,
        text: s.text,
        imageCaption: undefined,
        diaIds: [],
      });
    }
  }
  return drafts;
}

function indexText(unit: Draft, config: BuildMemoryConfig): string {
  const parts = [unit.text];
  if (unit.imageCaption !== undefined) parts.push(unit.imageCaption);
  if (config.indexSpeaker && unit.speaker !== undefined) parts.push(unit.speaker);
  if (config.indexDate) parts.push(unit.sessionDate.replace(/^\d+ /, ""));
  return parts.join(" ");
}

/**
 * Builds the memory of a conversation. Units come from the conversation's dialogue turns only
 * (one unit per turn, keeping its dia_id, speaker, session date and image caption); generated
 * observations and session summaries are added only when listed in `sources`. Questions and
 * answers (`qa`) are never a source: a `Conversation` does not even hold them.
 *
 * **Budget policy.** The memory keeps every unit, so retrieval can find any turn; the
 * `memoryTokens` budget binds whenever the memory is rendered into a prompt
 * (`renderMemories`): units are taken whole in rank order, a unit that would overflow the budget
 * is skipped (never cut mid-way) and smaller lower-ranked units may still fill the rest.
 *
 * @example
 * ```ts ignore
 * const data = await loadLocomo("data/locomo10.json");
 * using memory = buildMemory(data.conversations[0]!, { memoryTokens: 4000 });
 * memory.units[0]!.line; // "[D1:1 | 8 May 2023] Caroline: Hey Mel! …"
 * ```
 *
 * @throws {RangeError} on bad options (see {@link resolveBuildMemoryOptions}).
 */
export function buildMemory(conversation: Conversation, options: BuildMemoryOptions = {}): Memory {
  const config = resolveBuildMemoryOptions(options);
  const analyzer = withStemCache(resolveAnalyzerOptions(config.analyzer));
  const owned = options.tokenCounter === undefined;
  const tokenCounter = options.tokenCounter ?? createTokenCounter(config.encoding);
  const drafts = conversation.sessions.flatMap((s) => sessionDrafts(conversation, s, config));
  const units: MemoryUnit[] = drafts.map(({ label, tag, ...unit }, position) => {
    const line = renderMemoryLine({ ...unit, label, tag, date: unit.sessionDate });
    const tokens = tokenCounter.count(line + "\n");
    return { ...unit, mentionsTime: mentionsTime(unit.text), position, line, tokens };
  });
  const index = buildBm25Index(drafts.map((d) => analyze(indexText(d, config), analyzer)));
  const free = () => {
    if (owned) tokenCounter.free();
  };
  return {
    sampleId: conversation.sampleId,
    speakers: [conversation.speakerA, conversation.speakerB],
    units,
    memoryTokens: config.memoryTokens,
    totalTokens: units.reduce((sum, u) => sum + u.tokens, 0),
    tokenCounter,
    analyzer,
    index,
    free,
    [Symbol.dispose]: free,
  };
}
