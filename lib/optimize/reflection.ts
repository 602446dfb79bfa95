/**
 * The reflection LM (GEPA) and the proposer LM (MIPROv2-style): the prompts that ask for a new
 * instruction inside a fenced block, reading that block back, and one proposal call whose
 * failures (no block, an empty block, an LM error) are returned, never thrown.
 *
 * @module
 */

import type { SplitExample } from "../data/mod.ts";
import { type ChatMessage, type LmClient, redactSecrets } from "../lm/mod.ts";
import type { FewShotDemo } from "../program/mod.ts";
import type { ExampleTrace } from "./score_batch.ts";

const FENCE = /```[^\n`]*\n([\s\S]*?)```/;

/**
 * The instruction inside the first fenced block (```` ``` ````, an optional language tag on its
 * first line) of a reply, trimmed; `null` when there is no block or it is empty.
 *
 * @example
 * ```ts
 * import { extractInstruction } from "./reflection.ts";
 * console.assert(extractInstruction("New:\n```\nAnswer briefly.\n```") === "Answer briefly.");
 * console.assert(extractInstruction("Answer briefly.") === null);
 * ```
 */
export function extractInstruction(reply: string): string | null {
  const match = FENCE.exec(reply);
  const text = match?.[1]?.trim() ?? "";
  return text === "" ? null : text;
}

function traceText(trace: ExampleTrace, index: number): string {
  const memories = trace.memories.length === 0 ? "(none)" : trace.memories.slice(0, 12).join("\n") +
    (trace.memories.length > 12 ? `\n… (${trace.memories.length - 12} more)` : "");
  const judge = trace.verdict === null
    ? ""
    : `\nJudge verdict: ${trace.verdict ? "CORRECT" : "WRONG"}`;
  return `## Example ${index + 1}
Question: ${trace.question}
Retrieved memories:
${memories}
Program's answer: ${trace.error === null ? trace.answer || "(empty)" : `(failed: ${trace.error})`}
Gold answer: ${trace.gold ?? "(none: the question is not answerable from the conversation)"}
Official F1: ${trace.f1.toFixed(2)}${judge}`;
}

/**
 * GEPA's reflection prompt: the current instruction, then each minibatch example with the
 * retrieved memories, the answer, the gold answer, the official F1 and (when judged) the
 * verdict; it asks for an improved instruction inside a fenced block.
 */
export function reflectionMessages(
  instructions: string,
  traces: readonly ExampleTrace[],
): ChatMessage[] {
  return [{
    role: "user",
    content: `I gave an assistant the following instruction for answering questions about a long
conversation from memories retrieved for each question:
\`\`\`
${instructions}
\`\`\`

Here are examples of questions, the memories it was shown, its answers, the correct answers
and the scores (official LOCOMO token F1, 0–1):

${traces.map(traceText).join("\n\n")}

Read the examples carefully and work out what the assistant did wrong and what general rules
would make its answers match the gold answers (answer format, dates, abstention, what to take
from the memories). Then write a new, complete instruction for the assistant. Put the new
instruction inside one fenced block (\`\`\`), and nothing else inside the block.`,
  }];
}

/**
 * A short, deterministic summary of the training data for the proposer: question categories
 * with counts, and a few questions with their gold answers.
 */
export function datasetSummary(examples: readonly SplitExample[], shown = 6): string {
  const counts = new Map<number, number>();
  for (const e of examples) counts.set(e.category, (counts.get(e.category) ?? 0) + 1);
  const cats = [...counts].sort((a, b) => a[0] - b[0]).map(([c, n]) => `category ${c}: ${n}`);
  const sample = examples.slice(0, shown).map((e) =>
    `- Q: ${e.question} → A: ${e.answer ?? "(not answerable)"}`
  );
  return `${examples.length} questions about long two-person conversations (LOCOMO); ` +
    `${cats.join(", ")}.\nExamples:\n${sample.join("\n")}`;
}

/** Tips that make MIPROv2-style proposals differ (as DSPy's proposer does). */
export const PROPOSAL_TIPS: readonly string[] = [
  "Keep the instruction short and direct.",
  "Be specific about the answer format (dates, names, lists).",
  "Explain how to use the session dates of the memories for questions about time.",
  "Explain when to abstain and when an answer can be inferred.",
  "Be creative: rethink the task from scratch.",
];

/** The MIPROv2-style proposer prompt: dataset summary, current instruction, demos, a tip. */
export function proposerMessages(
  summary: string,
  options: { instructions: string; demos: readonly FewShotDemo[]; tip: string },
): ChatMessage[] {
  const demos = options.demos.length === 0
    ? "(none)"
    : options.demos.map((d) => `- Q: ${d.question} → A: ${d.answer}`).join("\n");
  return [{
    role: "user",
    content: `You write instructions for an assistant that answers questions about a long
conversation from retrieved memories.

Dataset summary:
${summary}

Worked examples the assistant will see:
${demos}

Current instruction:
\`\`\`
${options.instructions}
\`\`\`

Tip: ${options.tip}
Write one new, complete instruction. Put it inside one fenced block (\`\`\`), nothing else in it.`,
  }];
}

/** The outcome of one proposal call. */
export interface Proposal {
  /** The new instruction, or `null` for a failed proposal. */
  instruction: string | null;
  /** Why it failed (`no fenced block`, `empty block`, or the LM error), or `null`. */
  failure: string | null;
  /** The raw reply (`""` when the call failed). */
  reply: string;
}

/**
 * Asks the reflection/proposer LM and reads the instruction from its fenced block. Never throws
 * for a bad reply or a failed call (a failed proposal); a cancellation still throws.
 */
export async function propose(
  lm: LmClient,
  messages: readonly ChatMessage[],
  options: { secrets?: readonly string[]; signal?: AbortSignal } = {},
): Promise<Proposal> {
  let reply: string;
  try {
    reply = (await lm.chat(messages, {
      temperature: 1,
      maxTokens: 1_024,
      ...(options.signal ? { signal: options.signal } : {}),
    })).text;
  } catch (error) {
    if (options.signal?.aborted) throw error;
    const message = error instanceof Error ? error.message : String(error);
    return { instruction: null, failure: redactSecrets(message, options.secrets ?? []), reply: "" };
  }
  const instruction = extractInstruction(reply);
  if (instruction !== null) return { instruction, failure: null, reply };
  return {
    instruction: null,
    failure: FENCE.test(reply) ? "empty block" : "no fenced block",
    reply,
  };
}
