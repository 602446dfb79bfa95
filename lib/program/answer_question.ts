/**
 * Running the program on one question: render, call the LM, parse — with errors captured.
 *
 * @module
 */

import type { SplitExample } from "../data/mod.ts";
import { type ChatResult, type LmClient, redactSecrets } from "../lm/mod.ts";
import type { MemoryBank } from "./memory_bank.ts";
import { parseAnswer, type ParsedAnswer } from "./parse_answer.ts";
import type { Program } from "./program_config.ts";
import { render, type RenderedPrompt } from "./render_prompt.ts";

/** One answered question (or the error that stopped it). */
export interface ProgramAnswer {
  /** The rendered prompt. */
  prompt: RenderedPrompt;
  /** The raw completions (one per sample); empty on error. */
  completions: string[];
  /** The parsed first completion. */
  parsed: ParsedAnswer;
  /** The LM call's result, when it succeeded. */
  result: ChatResult | undefined;
  /** What went wrong once retries were spent (redacted), or `null`. */
  error: string | null;
}

/** Options of {@link answerQuestion}. */
export interface AnswerOptions {
  /** Sampling temperature. Default: the program's. */
  temperature?: number;
  /** Samples to draw (`n`). Default: 1. */
  n?: number;
  /** Sampling seed. Default: none sent. */
  seed?: number;
  /** Secrets to redact from error messages. Default: none. */
  secrets?: readonly string[];
  /** Cancels the call. Default: none. */
  signal?: AbortSignal;
}

/**
 * Renders the question with its conversation's memory, asks the LM and parses the answer. LM
 * failures (after the client's retries) are returned in `error`, not thrown, so a batch keeps
 * going and counts them; a cancellation still throws.
 */
export async function answerQuestion(
  program: Program,
  context: { lm: LmClient; memories: MemoryBank; example: SplitExample },
  options: AnswerOptions = {},
): Promise<ProgramAnswer> {
  const { lm, memories, example } = context;
  const prompt = render(program, memories.get(example.sampleId), {
    question: example.question,
    evidence: example.evidence,
  });
  try {
    const result = await lm.chat(prompt.messages, {
      temperature: options.temperature ?? program.temperature,
      maxTokens: program.maxTokens,
      n: options.n ?? 1,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return {
      prompt,
      completions: result.texts,
      parsed: parseAnswer(result.text),
      result,
      error: null,
    };
  } catch (error) {
    if (options.signal?.aborted) throw error;
    const message = redactSecrets(
      error instanceof Error ? error.message : String(error),
      options.secrets ?? [],
    );
    return { prompt, completions: [], parsed: parseAnswer(""), result: undefined, error: message };
  }
}
