/**
 * The judge prompt of mem0's "J" protocol (see docs/locomo.md): the judge sees a question, the
 * gold answer and a generated answer, and labels the generated answer CORRECT or WRONG,
 * generously, with a one-sentence reason, as JSON.
 *
 * @module
 */

import type { ChatMessage } from "../lm/mod.ts";

/**
 * Version of the prompt text. It is part of every judge cache key, so changing the wording
 * (and bumping this) never reuses verdicts given to another prompt.
 */
export const JUDGE_PROMPT_VERSION = "j-v1";

/** What the judge is shown about one question. */
export interface JudgePromptInput {
  /** The question. */
  question: string;
  /** The gold answer (integers are shown as digits). */
  goldAnswer: string | number;
  /** The answer to grade. */
  generatedAnswer: string;
}

const INSTRUCTIONS = [
  "You grade answers to questions about a long conversation between two people.",
  "You get a question, the gold (reference) answer, and a generated answer.",
  "Decide whether the generated answer is CORRECT or WRONG.",
  "Be generous: if the generated answer refers to the same thing as the gold answer, label it " +
  "CORRECT, even when it is longer, worded differently, or adds detail.",
  "For questions about time, an answer naming the same date, day or period as the gold answer " +
  'is CORRECT even in another format or in relative form (e.g. "May 7th" vs "7 May", ' +
  '"last Tuesday" when that is the gold date).',
  "Label it WRONG when it names something else, contradicts the gold answer, or does not answer.",
  "First give a reason of one sentence, then the label.",
  'Reply with JSON only, exactly of this shape: {"reason": "<one sentence>", "label": "CORRECT"} ' +
  'or {"reason": "<one sentence>", "label": "WRONG"}.',
].join("\n");

/**
 * The chat messages of one judge call: a system message with the grading rules and a user
 * message with the question, the gold answer and the generated answer.
 *
 * @example
 * ```ts
 * const messages = buildJudgePrompt({
 *   question: "When did Ann move?",
 *   goldAnswer: "May 2023",
 *   generatedAnswer: "In May 2023",
 * });
 * ```
 */
export function buildJudgePrompt(input: JudgePromptInput): ChatMessage[] {
  const user = [
    `Question: ${input.question}`,
    `Gold answer: ${String(input.goldAnswer)}`,
    `Generated answer: ${input.generatedAnswer}`,
  ].join("\n");
  return [{ role: "system", content: INSTRUCTIONS }, { role: "user", content: user }];
}
