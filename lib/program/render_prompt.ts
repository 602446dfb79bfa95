/**
 * Rendering (program, memory, question) into OpenAI chat messages.
 *
 * @module
 */

import {
  type ChatMessage,
  conversationHeader,
  EVIDENCE_HEADER,
  MEMORY_HEADER,
  renderQuestion,
  renderUserMessage,
} from "../protocol/mod.ts";
import {
  type Memory,
  type MemoryUnit,
  renderMemories,
  type RetrievalTrace,
  retrieve,
} from "../memory/mod.ts";
import type { Program } from "./program_config.ts";

/** The question to render: its text and, when known, its evidence (used by `oracle-evidence`). */
export interface QuestionInput {
  /** The question text. */
  question: string;
  /** Evidence dia_ids (needed by the `oracle-evidence` system; recorded in traces). */
  evidence?: readonly string[];
}

/** What {@link render} produced. */
export interface RenderedPrompt {
  /** The chat messages: system, optional demo pairs, then the user message. */
  messages: ChatMessage[];
  /** The memory units shown, in prompt order. */
  units: MemoryUnit[];
  /** Their dia_ids in prompt order, each once. */
  diaIds: string[];
  /** Tokens of the memory lines shown (the memory's tokenizer). */
  memoryTokens: number;
  /** Units left out to respect the token cap. */
  omittedUnits: number;
  /** The retrieval trace (`memory` mode only). */
  trace?: RetrievalTrace;
}

/**
 * Packs units in the given order into a token budget: a unit is shown whole or not at all; a unit
 * that does not fit is skipped and later (smaller) units may still fit.
 */
export function packUnits(
  units: readonly MemoryUnit[],
  maxTokens: number,
): { kept: MemoryUnit[]; tokens: number } {
  const kept: MemoryUnit[] = [];
  let tokens = 0;
  for (const unit of units) {
    if (tokens + unit.tokens > maxTokens) continue;
    kept.push(unit);
    tokens += unit.tokens;
  }
  return { kept, tokens };
}

/**
 * The `full-context` rule: keep the most recent units whose lines fit in `maxTokens` (a
 * contiguous window ending at the last turn), shown oldest first; older turns are dropped.
 */
export function recentWindow(
  units: readonly MemoryUnit[],
  maxTokens: number,
): { kept: MemoryUnit[]; tokens: number } {
  let tokens = 0;
  let start = units.length;
  while (start > 0 && tokens + units[start - 1]!.tokens <= maxTokens) {
    start--;
    tokens += units[start]!.tokens;
  }
  return { kept: units.slice(start), tokens };
}

function selectUnits(
  program: Program,
  memory: Memory,
  question: QuestionInput,
): { kept: MemoryUnit[]; tokens: number; header: string; trace?: RetrievalTrace; total: number } {
  switch (program.context) {
    case "no-memory":
      return { kept: [], tokens: 0, header: "", total: 0 };
    case "full-context": {
      const dialogue = memory.units.filter((u) => !u.generated);
      const { kept, tokens } = recentWindow(dialogue, program.contextTokens);
      const omitted = dialogue.length - kept.length;
      return { kept, tokens, header: conversationHeader(omitted), total: dialogue.length };
    }
    case "oracle-evidence": {
      const wanted = new Set(question.evidence ?? []);
      const evidence = memory.units.filter((u) =>
        !u.generated && u.diaIds.some((id) => wanted.has(id))
      );
      const { kept, tokens } = packUnits(evidence, program.memoryTokens);
      return {
        kept,
        tokens,
        header: EVIDENCE_HEADER,
        total: evidence.length,
      };
    }
    case "memory": {
      const trace = retrieve(memory, question.question, {
        k: program.k,
        ...(question.evidence ? { evidence: question.evidence } : {}),
      });
      const shown = renderMemories(memory, trace, { maxTokens: program.memoryTokens });
      return {
        kept: shown.units.map((r) => r.unit),
        tokens: shown.tokens,
        header: MEMORY_HEADER,
        trace,
        total: trace.units.length,
      };
    }
  }
}

/**
 * Renders the chat messages for one question: the program's instructions as the system message,
 * its demos as user/assistant pairs, then a user message with the selected memory lines (each
 * `[dia_id | date] speaker: text`) and the question.
 *
 * @example
 * ```ts ignore
 * const memory = buildMemory(conversation);
 * const { messages, diaIds } = render(resolveProgram(), memory, { question: "Where did Ben hike?" });
 * ```
 */
export function render(program: Program, memory: Memory, question: QuestionInput): RenderedPrompt {
  const selected = selectUnits(program, memory, question);
  const messages: ChatMessage[] = [{ role: "system", content: program.instructions }];
  for (const demo of program.demos) {
    messages.push({ role: "user", content: renderQuestion(demo.question) });
    messages.push({ role: "assistant", content: demo.answer });
  }
  const lines = selected.kept.map((u) => u.line);
  messages.push({
    role: "user",
    content: renderUserMessage(question.question, { header: selected.header, lines }),
  });
  const diaIds: string[] = [];
  for (const unit of selected.kept) {
    for (const id of unit.diaIds) if (!diaIds.includes(id)) diaIds.push(id);
  }
  return {
    messages,
    units: selected.kept,
    diaIds,
    memoryTokens: selected.tokens,
    omittedUnits: selected.total - selected.kept.length,
    ...(selected.trace ? { trace: selected.trace } : {}),
  };
}
