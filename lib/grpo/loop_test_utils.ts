/**
 * Test doubles of the GRPO loop (test-only; never imported by library code): an in-memory
 * {@link GrpoBackend} that records everything it is sent, a responder for the fake LM of
 * `fake_lm_test_utils.ts`, and a fixture built from `data/sample/mini_locomo.json`.
 *
 * @module
 */

import { parseLocomo, type SplitExample } from "../data/mod.ts";
import {
  ABSTENTION,
  createMemoryBank,
  type MemoryBank,
  type ParsedAnswer,
  type Program,
  resolveProgram,
} from "../program/mod.ts";
import type { GrpoBackend, RolloutItem } from "./backend_port.ts";
import {
  type FakeLmCall,
  type FakeLmPool,
  type FakeLmResponder,
  hashedAnswer,
  isValidationCall,
} from "./fake_lm_test_utils.ts";
import { RunRecords } from "./run_records.ts";
import type { GrpoLoopConfig, GrpoLoopContext } from "./train_loop.ts";

export * from "./fake_lm_test_utils.ts";

/** One `submitGroup` call as the fake backend saw it. */
export interface SubmittedGroup {
  /** The batch id it was given (2025.11) or `null` (2025.06). */
  batchId: number | null;
  /** The chat model name at the time (it changes after each group in 2025.06). */
  chatModel: string;
  /** The items, copied. */
  items: RolloutItem[];
  /** The metrics sent with it. */
  metrics: Record<string, unknown>;
}

/** Options of {@link createFakeBackend}. */
export interface FakeBackendOptions {
  /** `2025.11` (job id, batch ids, fixed chat model) or `2025.06` (no job id, the chat model
   * becomes the trainer's output path after every group). Default: `2025.11`. */
  dialect?: "2025.11" | "2025.06";
  /** The base model. Default: `Qwen/Qwen3-0.6B`. */
  model?: string;
  /** The first batch id (2025.11); a resumed job may continue an earlier counter. Default: 0. */
  firstBatchId?: number;
  /** `submitGroup` call (1-based, over the backend's life) that throws. Default: none. */
  failAtSubmission?: number;
  /** `checkpoint` call (1-based) that throws. Default: none. */
  failAtCheckpoint?: number;
  /** Figures reported for each group (e.g. `{ loss: 0.5 }`). Default: `{}`. */
  serverMetrics?: (submission: number) => Record<string, unknown>;
  /** Called before each submission is recorded (e.g. to abort a signal mid-step). */
  onSubmit?: (submission: number, group: RolloutItem[]) => void | Promise<void>;
}

/** The error the fake backend throws when told to fail. */
export class FakeBackendError extends Error {
  /** The call that failed (`submitGroup` or `checkpoint`) and its 1-based count. */
  readonly call: string;
  /** Its 1-based count. */
  readonly count: number;

  /** Builds the error. */
  constructor(call: string, count: number) {
    super(`fake backend: ${call} #${count} failed as told`);
    this.name = "FakeBackendError";
    this.call = call;
    this.count = count;
  }
}

/** An in-memory backend and what it recorded. */
export interface FakeBackend extends GrpoBackend {
  /** Every successful `submitGroup`, in order. */
  readonly submitted: SubmittedGroup[];
  /** Every successful `checkpoint`, in order. */
  readonly checkpoints: { name: string; metadata: Record<string, unknown> }[];
  /** How many times `terminate` was called. */
  readonly terminated: number;
  /** `submitGroup` calls so far (failed ones included). */
  readonly submissions: number;
}

/** An in-memory {@link GrpoBackend} that records every group, checkpoint and terminate. */
export function createFakeBackend(options: FakeBackendOptions = {}): FakeBackend {
  const dialect = options.dialect ?? "2025.11";
  const model = options.model ?? "Qwen/Qwen3-0.6B";
  const jobId = dialect === "2025.11" ? "grpo-fake-1" : null;
  let currentModel = dialect === "2025.11" ? jobId! : model;
  let nextBatchId = options.firstBatchId ?? 0;
  let submissions = 0;
  let checkpointCalls = 0;
  let terminated = 0;
  const submitted: SubmittedGroup[] = [];
  const checkpoints: { name: string; metadata: Record<string, unknown> }[] = [];
  return {
    dialect,
    jobId,
    submitted,
    checkpoints,
    get terminated() {
      return terminated;
    },
    get submissions() {
      return submissions;
    },
    chatModel: () => `arbor:${currentModel}`,
    async submitGroup(group, metrics) {
      const n = ++submissions;
      await options.onSubmit?.(n, group);
      if (n === options.failAtSubmission) throw new FakeBackendError("submitGroup", n);
      const batchId = dialect === "2025.11" ? nextBatchId++ : null;
      submitted.push({
        batchId,
        chatModel: `arbor:${currentModel}`,
        items: structuredClone(group),
        metrics: { ...metrics },
      });
      if (dialect === "2025.06") currentModel = `/out/grpo_${submitted.length}`;
      return { batchId, serverMetrics: options.serverMetrics?.(n) ?? {} };
    },
    checkpoint(name, metadata) {
      const n = ++checkpointCalls;
      if (n === options.failAtCheckpoint) {
        return Promise.reject(new FakeBackendError("checkpoint", n));
      }
      checkpoints.push({ name, metadata: { ...metadata } });
      return Promise.resolve(`/ckpt/${name}`);
    },
    terminate() {
      terminated++;
      return Promise.resolve();
    },
  };
}

/** Rollout completions of the default responder: rewards 0, 0.25, 0.5 or 1 under {@link numericReward}. */
export const ROLLOUT_ANSWERS: readonly string[] = ["0", "0.25", "0.5", "1"];

/** Options of {@link loopResponder}. */
export interface LoopResponderOptions {
  /** Completions of a rollout call (asked for `n` choices). Default: `n` hashed answers. */
  rollout?: (call: FakeLmCall) => string[] | Promise<string[]>;
  /** How many of the validation questions pass `pass` (0-based) answers right. Default: 1. */
  validationCorrect?: (pass: number) => number;
}

/**
 * A responder for the loop: rollouts from `options.rollout`; validation answers right (the gold
 * answer, or the abstention for category 5) for the first `validationCorrect(pass)` validation
 * questions of each pass and wrong (`zzz`) for the rest, so a pass scores `correct / val.length`.
 */
export function loopResponder(
  fixture: LoopFixture,
  options: LoopResponderOptions = {},
): FakeLmResponder {
  let validationCalls = 0;
  return (call) => {
    if (!isValidationCall(call)) {
      if (options.rollout) return options.rollout(call);
      return Array.from(
        { length: call.options.n ?? 1 },
        (_, i) => hashedAnswer(call, i, ROLLOUT_ANSWERS),
      );
    }
    const pass = Math.floor(validationCalls++ / fixture.val.length);
    const index = fixture.val.findIndex((e) => e.question === call.question);
    if (index < 0) throw new Error(`fake LM: ${call.question} is not a validation question`);
    const example = fixture.val[index]!;
    const right = example.category === 5 ? ABSTENTION : String(example.answer);
    return [index < (options.validationCorrect?.(pass) ?? 1) ? right : "zzz"];
  };
}

/** The mini LOCOMO fixture: training and validation examples and their memories. */
export interface LoopFixture extends Disposable {
  /** The 10 questions of `mini-1` and `mini-2`. */
  train: SplitExample[];
  /** The 3 questions of `mini-3`. */
  val: SplitExample[];
  /** Memories of the three conversations. */
  memories: MemoryBank;
  /** The default program. */
  program: Program;
}

/** Loads `data/sample/mini_locomo.json` into a {@link LoopFixture}. */
export function loopFixture(): LoopFixture {
  const text = Deno.readTextFileSync(
    new URL("../../data/sample/mini_locomo.json", import.meta.url),
  );
  const dataset = parseLocomo(text, { file: "mini_locomo.json" });
  const examples: SplitExample[] = dataset.questions.map((q) => ({
    id: q.id,
    sampleId: q.sampleId,
    question: q.question,
    answer: q.answer,
    category: q.category,
    evidence: q.evidence,
  }));
  const memories = createMemoryBank(dataset.conversations);
  return {
    train: examples.filter((e) => e.sampleId !== "mini-3"),
    val: examples.filter((e) => e.sampleId === "mini-3"),
    memories,
    program: resolveProgram({ k: 4 }),
    [Symbol.dispose]: () => memories.free(),
  };
}

/** The reward the loop tests use: the number a completion parses to (`"0.5"` → 0.5), else 0. */
export function numericReward(_example: SplitExample, parsed: ParsedAnswer): number {
  const value = Number(parsed.answer);
  return Number.isFinite(value) ? value : 0;
}

/** A loop config with small defaults (3 steps × 2 examples × 4 rollouts, validate every 2). */
export function loopConfig(overrides: Partial<GrpoLoopConfig> = {}): GrpoLoopConfig {
  return {
    numTrainSteps: 3,
    examplesPerStep: 2,
    numGenerations: 4,
    numStepsForVal: 2,
    temperature: 1,
    seed: 7,
    scaleRewards: true,
    checkpointEveryStep: false,
    ...overrides,
  };
}

/** A fresh run folder under a temp dir, with its records (`config.json` is `{}`). */
export async function tempRecords(): Promise<RunRecords> {
  const root = await Deno.makeTempDir({ prefix: "grpo_loop_test_" });
  return await RunRecords.create(`${root}/run`, {});
}

/** The loop context from a fixture, a backend, a fake LM and records (fields overridable). */
export function loopContext(
  fixture: LoopFixture,
  parts: { backend: GrpoBackend; lm: FakeLmPool; records: RunRecords },
  overrides: Partial<GrpoLoopContext> = {},
): GrpoLoopContext {
  return {
    program: fixture.program,
    backend: parts.backend,
    lmFor: parts.lm.lmFor,
    memories: fixture.memories,
    train: fixture.train,
    val: fixture.val,
    reward: numericReward,
    records: parts.records,
    now: () => 0,
    ...overrides,
  };
}
