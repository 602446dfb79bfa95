/**
 * The memory of one conversation and retrieval from it.
 *
 * - {@link buildMemory}: a token-bounded {@link Memory} of {@link MemoryUnit}s (turns, image
 *   captions, observations, session summaries) with a BM25 index.
 * - {@link retrieve}: the top-k units for a question, as a {@link RetrievalTrace} (ranked units,
 *   their dialogue ids `diaIds`, and evidence hits when the gold evidence is given);
 *   {@link recallAt} measures evidence recall.
 * - {@link renderMemories}: the retrieved units as the lines the QA prompt shows.
 * - {@link createTokenCounter}: the tokenizer that bounds memories and prompts.
 *
 * @module
 */

// Types of other folders that this folder's signatures use.
export type { Conversation, Observation, Session, SessionSummary, Turn } from "../data/mod.ts";
export type { AnalyzerConfig, AnalyzerOptions } from "../text/mod.ts";

export {
  buildMemory,
  type BuildMemoryConfig,
  type BuildMemoryOptions,
  DEFAULT_MEMORY_TOKENS,
  resolveBuildMemoryOptions,
} from "./build_memory.ts";
export type { Memory, MemoryUnit, UnitSource } from "./memory_types.ts";
export type { Bm25Index } from "./bm25_index.ts";
export {
  DEFAULT_SCORING,
  recallByCategory,
  resolveRetrieveOptions,
  retrieve,
  type RetrieveConfig,
  type RetrieveOptions,
} from "./retrieve.ts";
export type { ScoringConfig } from "./score_units.ts";
export {
  type EvidenceHits,
  type RankedUnit,
  recallAt,
  type RetrievalTrace,
} from "./retrieval_trace.ts";
export {
  type RenderedMemories,
  renderMemories,
  type RenderMemoriesOptions,
} from "./render_memories.ts";
export {
  createTokenCounter,
  createTokenCounterPool,
  DEFAULT_TOKEN_ENCODING,
  type TokenCounter,
  type TokenCounterPool,
  type TokenEncoding,
} from "./token_counter.ts";
export { sampleConversation } from "./sample_conversation.ts";
