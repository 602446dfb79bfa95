/**
 * Rollouts of one training example: G sampled answers from the policy, rewarded and grouped.
 *
 * @module
 */

import type { SplitExample } from "../data/mod.ts";
import { type LmClient, redactSecrets } from "../lm/mod.ts";
import {
  type MemoryBank,
  parseAnswer,
  type ParsedAnswer,
  type Program,
  render,
} from "../program/mod.ts";
import type { RolloutItem } from "./backend_port.ts";
import { groupStats } from "./group_stats.ts";

/** Rewards one parsed rollout of an example. */
export type RewardFunction = (
  example: SplitExample,
  parsed: ParsedAnswer,
) => number | Promise<number>;

/** One example's group, ready to send. */
export interface RolloutGroup {
  /** The example. */
  example: SplitExample;
  /**
   * Exactly G items, as the loop sends them to the trainer (internal to `lib/grpo`).
   *
   * @ignore
   */
  items: RolloutItem[];
  /** The parsed answers, in item order. */
  parsed: ParsedAnswer[];
  /** Rewards, in item order. */
  rewards: number[];
  /** Advantages as the trainer computes them. */
  advantages: number[];
  /** Whether every reward is equal (no learning signal). */
  zeroVariance: boolean;
  /** Tokens used by the call(s). */
  usage: { promptTokens: number; completionTokens: number };
}

/** The LM gave fewer than G completions for an example, even after its top-up requests. */
export class ShortGroupError extends Error {
  /** The example's id. */
  readonly exampleId: string;
  /** G. */
  readonly expected: number;
  /** Completions received. */
  readonly received: number;

  /** Builds the error. */
  constructor(fields: { exampleId: string; expected: number; received: number }) {
    super(
      `rollouts of ${fields.exampleId}: the LM gave ${fields.received} of ${fields.expected} ` +
        "completions after its top-up requests; the group is not sent",
    );
    this.name = "ShortGroupError";
    this.exampleId = fields.exampleId;
    this.expected = fields.expected;
    this.received = fields.received;
  }
}

/** A stable short hash of the prompt messages (FNV-1a, hex), for `rollouts.jsonl`. */
export function messagesHash(messages: readonly { role: string; content: string }[]): string {
  let h = 0x811c9dc5;
  for (const m of messages) {
    for (const ch of `${m.role}\u0000${m.content}\u0001`) {
      h ^= ch.codePointAt(0)!;
      h = Math.imul(h, 0x01000193);
    }
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

/**
 * Samples G completions for an example at the rollout temperature (one request with `n = G`,
 * topped up with single requests when a server returns fewer choices; every request carries its
 * own seed so samples differ and a rerun is reproducible), parses and rewards each.
 *
 * @throws the LM client's error when a call fails after its retries (the caller drops the group).
 * @throws {ShortGroupError} when the LM still gave fewer than G completions (a group sent to the
 *   trainer has exactly G items).
 */
export async function rolloutGroup(
  program: Program,
  example: SplitExample,
  context: {
    lm: LmClient;
    memories: MemoryBank;
    reward: RewardFunction;
    numGenerations: number;
    temperature: number;
    seed: number;
    scaleRewards: boolean;
    signal?: AbortSignal;
  },
): Promise<RolloutGroup> {
  const prompt = render(program, context.memories.get(example.sampleId), {
    question: example.question,
    evidence: example.evidence,
  });
  const G = context.numGenerations;
  const texts: string[] = [];
  const usage = { promptTokens: 0, completionTokens: 0 };
  for (let attempt = 0; texts.length < G && attempt <= G; attempt++) {
    const result = await context.lm.chat(prompt.messages, {
      temperature: context.temperature,
      maxTokens: program.maxTokens,
      n: attempt === 0 ? G : 1,
      seed: context.seed + attempt,
      ...(context.signal ? { signal: context.signal } : {}),
    });
    texts.push(...result.texts.slice(0, G - texts.length));
    usage.promptTokens += result.usage.promptTokens;
    usage.completionTokens += result.usage.completionTokens;
  }
  if (texts.length < G) {
    throw new ShortGroupError({ exampleId: example.id, expected: G, received: texts.length });
  }
  const parsed = texts.map((t) => parseAnswer(t));
  const rewards = await Promise.all(parsed.map((p) => context.reward(example, p)));
  const stats = groupStats(rewards, { scaleRewards: context.scaleRewards });
  return {
    example,
    items: texts.map((content, i) => ({
      messages: prompt.messages.map((m) => ({ role: m.role, content: m.content })),
      completion: { role: "assistant", content },
      reward: rewards[i]!,
    })),
    parsed,
    rewards,
    advantages: stats.advantages,
    zeroVariance: stats.zeroVariance,
    usage,
  };
}

/** A step's groups: those formed, and the (redacted) messages of those that failed. */
export interface RolloutBatch {
  /** The groups formed, in batch order. */
  groups: RolloutGroup[];
  /** Each failed group's error message, secrets redacted, in batch order. */
  failures: string[];
  /** The first failed group's error, unredacted (a `cause`), or `undefined`. */
  firstError: unknown;
}

/**
 * Rolls out every example of a step concurrently ({@link rolloutGroup}, the `i`-th with seed
 * `seed(i)`); a failed group is dropped and its message kept, so one bad example does not stop
 * the step.
 */
export async function rolloutBatch(
  program: Program,
  batch: readonly SplitExample[],
  context: Omit<Parameters<typeof rolloutGroup>[2], "seed"> & {
    seed: (index: number) => number;
    secrets: readonly string[];
  },
): Promise<RolloutBatch> {
  const { seed, secrets, ...shared } = context;
  const settled = await Promise.allSettled(
    batch.map((example, i) => rolloutGroup(program, example, { ...shared, seed: seed(i) })),
  );
  const rejected = settled.flatMap((s) => s.status === "rejected" ? [s.reason as unknown] : []);
  return {
    groups: settled.flatMap((s) => s.status === "fulfilled" ? [s.value] : []),
    failures: rejected.map((r) => redactSecrets(String((r as Error)?.message ?? r), secrets)),
    firstError: rejected[0],
  };
}
