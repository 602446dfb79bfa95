/**
 * Rendering retrieved memories into prompt text within a token budget.
 *
 * @module
 */

import { checkInteger, type Memory } from "./memory_types.ts";
import type { RankedUnit, RetrievalTrace } from "./retrieval_trace.ts";

/** Options of {@link renderMemories}. */
export type RenderMemoriesOptions = NonNullable<Parameters<typeof renderMemories>[2]>;

/** The rendered memories (see {@link renderMemories}). */
export type RenderedMemories = ReturnType<typeof renderMemories>;

/**
 * Renders the first `k` units of a trace into prompt text, one line per unit with its dia_id and
 * session date. **Budget policy:** units are taken whole in rank order; a unit that would push the
 * text over the budget is skipped (never cut mid-way) and lower-ranked units that still fit are
 * taken. The final text is counted with the memory's tokenizer and is never over the budget.
 *
 * @example
 * ```ts ignore
 * using memory = buildMemory(conversation);
 * const trace = retrieve(memory, "When did Caroline go to the LGBTQ support group?");
 * const { text, tokens } = renderMemories(memory, trace, { k: 10, maxTokens: 500 });
 * // text: "[D1:3 | 8 May 2023] Caroline: I went to a LGBTQ support group yesterday…\n…"
 * ```
 *
 * @throws {RangeError} when `k` < 1 or `maxTokens` < 0 (or either is not an integer).
 * @throws {TypeError} when the trace was not retrieved from `memory`.
 */
export function renderMemories(
  memory: Memory,
  trace: RetrievalTrace,
  options: {
    /** Consider at most the first `k` units of the trace (integer ≥ 1). Default: all of them. */
    k?: number;
    /**
     * Token cap of the text (integer ≥ 0). Default: the memory's `memoryTokens`; a larger value
     * is lowered to `memoryTokens`, so the memory budget always binds.
     */
    maxTokens?: number;
    /** Line order: `rank` (best first) or `chronological` (dialogue order). Default: `rank`. */
    order?: "rank" | "chronological";
  } = {},
): {
  /** The prompt text: one line per unit, e.g. `[D3:5 | 8 May 2023] Caroline: …`. */
  readonly text: string;
  /** The units included, in the order of the text. */
  readonly units: RetrievalTrace["units"];
  /** Units among the first `k` left out because they did not fit, in rank order. */
  readonly omitted: RetrievalTrace["units"];
  /** Tokens of `text`, counted with the memory's tokenizer (≤ the budget). */
  readonly tokens: number;
  /** The budget that applied. */
  readonly budget: number;
} {
  const k = checkInteger("k", options.k ?? Math.max(trace.units.length, 1), 1);
  const budget = Math.min(
    checkInteger("maxTokens", options.maxTokens ?? memory.memoryTokens, 0),
    memory.memoryTokens,
  );
  const order = options.order ?? "rank";
  if (order !== "rank" && order !== "chronological") {
    throw new RangeError(`order must be "rank" or "chronological", got ${String(order)}`);
  }
  if (trace.sampleId !== memory.sampleId) {
    throw new TypeError(
      `The trace is from conversation ${trace.sampleId}, not from this memory (${memory.sampleId})`,
    );
  }
  const included: RankedUnit[] = [];
  const omitted: RankedUnit[] = [];
  let estimate = 0;
  for (const ranked of trace.units.slice(0, k)) {
    if (estimate + ranked.unit.tokens <= budget) {
      included.push(ranked);
      estimate += ranked.unit.tokens;
    } else {
      omitted.push(ranked);
    }
  }
  const arrange = (units: RankedUnit[]) =>
    order === "rank" ? units : [...units].sort((a, b) => a.unit.position - b.unit.position);
  let text = arrange(included).map((r) => r.unit.line).join("\n");
  let tokens = memory.tokenCounter.count(text);
  // Per-line counts are an estimate of the joined text; drop lowest-ranked units if it is over.
  while (tokens > budget && included.length > 0) {
    omitted.push(included.pop()!);
    text = arrange(included).map((r) => r.unit.line).join("\n");
    tokens = memory.tokenCounter.count(text);
  }
  omitted.sort((a, b) => a.rank - b.rank);
  return { text, units: arrange(included), omitted, tokens, budget };
}
