/**
 * An in-memory {@link LmClient} for tests (never imported by library code): completions come
 * from a scripted responder, every call is recorded.
 *
 * @module
 */

import {
  type ChatOptions,
  type ChatResult,
  emptyUsage,
  type LmClient,
  type LmUsage,
} from "../lm/mod.ts";
import { type ChatMessage, QUESTION_PREFIX } from "../protocol/mod.ts";

/** One `chat` call as the fake LM saw it. */
export interface FakeLmCall {
  /** 0-based over every client of the pool. */
  index: number;
  /** The client's model. */
  model: string;
  /** The question of the last user message (after `Question: `). */
  question: string;
  /** The messages sent. */
  messages: readonly ChatMessage[];
  /** The options sent. */
  options: ChatOptions;
}

/** Whether a call is a validation answer (greedy, one choice, no seed) rather than a rollout. */
export function isValidationCall(call: FakeLmCall): boolean {
  return (call.options.temperature ?? 0) === 0 && call.options.seed === undefined;
}

/** Completions for a call (return fewer than `n` to exercise top-ups; throw to fail it). */
export type FakeLmResponder = (call: FakeLmCall) => string[] | Promise<string[]>;

/** LM clients by model name over one responder, and every call they saw. */
export interface FakeLmPool {
  /** The loop's `lmFor`. */
  lmFor: (model: string) => LmClient;
  /** Every call, in the order they were made. */
  calls: FakeLmCall[];
}

/** An in-memory pool of {@link LmClient}s whose completions come from `respond`. */
export function createFakeLm(respond: FakeLmResponder): FakeLmPool {
  const calls: FakeLmCall[] = [];
  const clients = new Map<string, LmClient>();
  const client = (model: string): LmClient => {
    const usage: LmUsage = emptyUsage();
    let closed = false;
    return {
      model,
      baseUrl: "http://fake.invalid/v1/",
      concurrency: 1,
      cacheEnabled: false,
      async chat(messages, options = {}): Promise<ChatResult> {
        if (closed) throw new Error("fake LM closed");
        options.signal?.throwIfAborted();
        const user = messages.findLast((m) => m.role === "user")?.content ?? "";
        const at = user.lastIndexOf(QUESTION_PREFIX);
        const call: FakeLmCall = {
          index: calls.length,
          model,
          question: at < 0 ? "" : user.slice(at + QUESTION_PREFIX.length),
          messages,
          options: { ...options },
        };
        calls.push(call);
        usage.calls++;
        usage.requests++;
        let texts: string[];
        try {
          texts = await respond(call);
        } catch (error) {
          usage.failures++;
          throw error;
        }
        options.signal?.throwIfAborted();
        const completionTokens = texts.reduce((n, t) => n + t.split(/\s+/).length, 0);
        usage.completionTokens += completionTokens;
        usage.promptTokens += 10;
        return {
          text: texts[0] ?? "",
          texts,
          finishReason: "stop",
          usage: { promptTokens: 10, completionTokens },
          latencyMs: 0,
          cached: false,
          attempts: 1,
        };
      },
      usage: () => ({ ...usage }),
      close: () => {
        closed = true;
      },
    };
  };
  return {
    calls,
    lmFor: (model) => {
      let lm = clients.get(model);
      if (!lm) clients.set(model, lm = client(model));
      return lm;
    },
  };
}

/** A deterministic "random" completion of a call: a hash of question, seed and choice index. */
export function hashedAnswer(call: FakeLmCall, choice: number, answers: readonly string[]): string {
  let h = 0x811c9dc5;
  for (const ch of `${call.question}|${call.options.seed ?? ""}|${choice}`) {
    h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193);
  }
  return answers[(h >>> 0) % answers.length]!;
}
