/**
 * Checking a `/chat/completions` reply body and reading its texts and token counts.
 *
 * @module
 */

import type { TokenUsage } from "./types.ts";

/** A reply body that holds an answer. */
export interface CompletionBody {
  /** Every choice's text, in order; none empty. */
  texts: string[];
  /** The first choice's `finish_reason`, or `null`. */
  finishReason: string | null;
  /** The reported token counts (0 when absent). */
  usage: TokenUsage;
}

/** The outcome of {@link readCompletion}: the answer, or why the body holds none. */
export type CompletionRead =
  | { ok: true; value: CompletionBody }
  | { ok: false; problem: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function count(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : 0;
}

function preview(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

/**
 * Reads a parsed reply body. A body that is not a JSON object (`null`, a string the server sent
 * as non-JSON, an array), has no choices, or has a choice whose `message.content` is `null`,
 * missing or empty (after trimming) holds no answer: the result names the problem.
 */
export function readCompletion(body: unknown): CompletionRead {
  if (!isRecord(body)) {
    return { ok: false, problem: `reply body is not a JSON object: ${preview(body)}` };
  }
  const choices = body.choices;
  if (!Array.isArray(choices) || choices.length === 0) {
    return { ok: false, problem: `reply has no choices: ${preview(body)}` };
  }
  const texts: string[] = [];
  for (const [index, choice] of choices.entries()) {
    const content = isRecord(choice) && isRecord(choice.message) ? choice.message.content : null;
    if (typeof content !== "string" || content.trim() === "") {
      return {
        ok: false,
        problem: `choice ${index} has ${
          typeof content === "string" ? "empty" : preview(content ?? null)
        } content`,
      };
    }
    texts.push(content);
  }
  const first = choices[0];
  const finish = isRecord(first) && typeof first.finish_reason === "string"
    ? first.finish_reason
    : null;
  const usage = isRecord(body.usage) ? body.usage : {};
  return {
    ok: true,
    value: {
      texts,
      finishReason: finish,
      usage: {
        promptTokens: count(usage.prompt_tokens),
        completionTokens: count(usage.completion_tokens),
      },
    },
  };
}
