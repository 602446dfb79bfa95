/**
 * The QA program: its configuration (instructions, context mode, retrieval budget, demos), the
 * prompt it renders for one question (in the wire's prompt format, `lib/protocol`), answering a
 * question with an LM client, reading the answer from a reply, and the saved-program JSON file.
 *
 * @module
 */

// Types of other folders that this folder's signatures use.
export type {
  Answer,
  CategoryId,
  Conversation,
  Observation,
  Session,
  SessionSummary,
  SplitExample,
  Turn,
} from "../data/mod.ts";
export type {
  ChatMessage,
  ChatOptions,
  ChatResult,
  LmClient,
  LmUsage,
  ResponseFormat,
  TokenUsage,
} from "../lm/mod.ts";
export type {
  Bm25Index,
  BuildMemoryOptions,
  EvidenceHits,
  Memory,
  MemoryUnit,
  RankedUnit,
  RetrievalTrace,
  ScoringConfig,
  TokenCounter,
  TokenEncoding,
  UnitSource,
} from "../memory/mod.ts";
export type { ChatRole } from "../protocol/mod.ts";
export type { AnalyzerConfig, AnalyzerOptions } from "../text/mod.ts";

export {
  ABSTENTION,
  baselinePrograms,
  CONTEXT_MODES,
  type ContextMode,
  DEFAULT_INSTRUCTIONS,
  type FewShotDemo,
  type Program,
  type ProgramOptions,
  resolveProgram,
} from "./program_config.ts";
export {
  packUnits,
  type QuestionInput,
  recentWindow,
  render,
  type RenderedPrompt,
} from "./render_prompt.ts";
export { parseAnswer, type ParsedAnswer } from "./parse_answer.ts";
export {
  loadProgram,
  PROGRAM_FORMAT,
  PROGRAM_VERSION,
  ProgramFileError,
  type ProgramProvenance,
  type SavedProgram,
  saveProgram,
  type SaveProgramOptions,
} from "./saved_program.ts";
export { createMemoryBank, type MemoryBank } from "./memory_bank.ts";
export { type AnswerOptions, answerQuestion, type ProgramAnswer } from "./answer_question.ts";
