/**
 * The GRPO loop: per step, k examples × G rollouts through the policy's chat endpoint, rewarded,
 * grouped and handed to the trainer; validation at step 0, every N steps and at the end; the best
 * checkpoint kept; every step recorded so `--resume` continues where a run stopped.
 *
 * @module
 */

import type { SplitExample } from "../data/split_locomo.ts";
import type { LmClient } from "../lm/client.ts";
import type { MemoryBank } from "../program/memory_bank.ts";
import type { Program } from "../program/program_config.ts";
import { redactSecrets } from "../lm/mod.ts";
import type { GrpoBackend } from "./backend_port.ts";
import { messagesHash, type RewardFunction, rolloutGroup } from "./rollout_group.ts";
import type { RunRecords, RunState } from "./run_records.ts";
import { GrpoStepError } from "./step_error.ts";
import { stepBatch } from "./stratified_sample.ts";
import { validate, type ValidationResult } from "./validation.ts";

/** Loop settings (already resolved). */
export interface GrpoLoopConfig {
  /** Training steps. */
  numTrainSteps: number;
  /** Examples per step (k); one group each. */
  examplesPerStep: number;
  /** Rollouts per example (G). */
  numGenerations: number;
  /** Validate every this many steps (and at step 0 and at the end). */
  numStepsForVal: number;
  /** Rollout sampling temperature. */
  temperature: number;
  /** Run seed (example order and rollout seeds derive from it). */
  seed: number;
  /** Scale advantages by the group's std (for the records; the trainer computes its own). */
  scaleRewards: boolean;
  /**
   * Save a checkpoint after every step so `--resume` restores the weights: `resume_checkpoint_0`
   * or `_1` by step parity (never the one `state.json` names, so a kill between the checkpoint
   * and `state.json` leaves the named one intact), and `model_checkpoint_last` after the last step.
   */
  checkpointEveryStep: boolean;
}

/** What the terminal shows after each step. */
export interface TrainProgress {
  /** The step just completed. */
  step: number;
  /** All steps. */
  total: number;
  /** Mean reward of the step's rollouts. */
  rewardMean: number;
  /** The last validation score. */
  validationScore: number | null;
  /** Share of zero-variance groups so far. */
  zeroVarianceShare: number;
}

/** Everything the loop works with. */
export interface GrpoLoopContext {
  /** The program whose prompts the policy answers. */
  program: Program;
  /** The training backend. */
  backend: GrpoBackend;
  /** An LM client for a chat model name (the name may change during a 2025.06 run). */
  lmFor: (model: string) => LmClient;
  /** Memories of the conversations. */
  memories: MemoryBank;
  /** Training examples. */
  train: readonly SplitExample[];
  /** The fixed validation sample. */
  val: readonly SplitExample[];
  /** The reward. */
  reward: RewardFunction;
  /** Where the run is recorded. */
  records: RunRecords;
  /** The state to resume from, if any. */
  resumeFrom?: RunState;
  /** Secrets to redact from recorded errors. */
  secrets?: readonly string[];
  /** Stops the loop between steps (Ctrl-C). */
  signal?: AbortSignal;
  /** Called after each step. */
  onProgress?: (progress: TrainProgress) => void;
  /** Called after each validation (step 0 included). */
  onValidation?: (step: number, result: ValidationResult) => void;
  /** Called when validation improves on the best score (e.g. to save the program). */
  onBest?: (result: ValidationResult, step: number, checkpoint: string | null) => Promise<void>;
}

/** The loop's outcome. */
export interface GrpoLoopResult {
  /** The final run state. */
  state: RunState;
  /** Validation results by step. */
  validations: { step: number; result: ValidationResult }[];
  /** Whether the loop stopped early because of the signal. */
  interrupted: boolean;
}

function validationEvent(step: number, r: ValidationResult): Record<string, unknown> {
  return {
    type: "validation",
    step,
    score: r.score,
    answerableScore: r.answerableScore,
    abstentionRate: r.abstentionRate,
    byCategory: r.byCategory,
    count: r.count,
    errors: r.errors,
    formatFailures: r.formatFailures,
  };
}

/**
 * Runs (or resumes) the GRPO loop. The caller owns the backend and must terminate it (also on
 * error and on Ctrl-C); the loop never leaves a step half-recorded: a step is complete only when
 * `state.json` says so.
 *
 * @throws {GrpoStepError} when every rollout group of a step failed (nothing to train on); the
 *   step is not recorded, so `--resume` retries it.
 */
export async function runGrpoLoop(
  config: GrpoLoopConfig,
  context: GrpoLoopContext,
): Promise<GrpoLoopResult> {
  const { backend, records, program } = context;
  const validations: { step: number; result: ValidationResult }[] = [];
  const runValidation = async (step: number): Promise<ValidationResult> => {
    const result = await validate(program, context.val, {
      lm: context.lmFor(backend.chatModel()),
      memories: context.memories,
      ...(context.secrets ? { secrets: context.secrets } : {}),
      ...(context.signal ? { signal: context.signal } : {}),
    });
    validations.push({ step, result });
    context.onValidation?.(step, result);
    await records.event(validationEvent(step, result) as { type: string; step: number });
    return result;
  };

  let state: RunState = context.resumeFrom ?? {
    version: 1,
    completedStep: 0,
    best: null,
    job: {
      dialect: backend.dialect,
      jobId: backend.jobId,
      chatModel: backend.chatModel(),
      resumeCheckpoint: null,
      bestCheckpoint: null,
    },
    groups: { total: 0, zeroVariance: 0 },
  };
  let lastScore: number | null = state.lastValidationScore ?? state.best?.score ?? null;
  if (!context.resumeFrom) {
    const initial = await runValidation(0);
    lastScore = initial.score;
    state = {
      ...state,
      best: { score: initial.score, step: 0 },
      lastValidationScore: initial.score,
    };
    await context.onBest?.(initial, 0, null);
    await records.saveState(state);
  }

  for (let step = state.completedStep + 1; step <= config.numTrainSteps; step++) {
    if (context.signal?.aborted) return { state, validations, interrupted: true };
    const started = performance.now();
    const batch = stepBatch(context.train, step, {
      k: config.examplesPerStep,
      key: (e) => e.category,
      seed: config.seed,
    });
    const lm = context.lmFor(backend.chatModel());
    const settled = await Promise.allSettled(
      batch.map((example, i) =>
        rolloutGroup(program, example, {
          lm,
          memories: context.memories,
          reward: context.reward,
          numGenerations: config.numGenerations,
          temperature: config.temperature,
          seed: (config.seed * 7919 + step * 1009 + i * 101) % 2_147_483_647,
          scaleRewards: config.scaleRewards,
          ...(context.signal ? { signal: context.signal } : {}),
        })
      ),
    );
    if (context.signal?.aborted) return { state, validations, interrupted: true };
    const groups = settled.flatMap((s) => s.status === "fulfilled" ? [s.value] : []);
    const failures = settled.flatMap((s) =>
      s.status === "rejected"
        ? [redactSecrets(String((s.reason as Error)?.message ?? s.reason), context.secrets ?? [])]
        : []
    );
    if (groups.length === 0 && failures.length > 0) {
      const cause = settled.find((s) => s.status === "rejected")?.reason;
      throw new GrpoStepError(
        { step, failedGroups: failures.length, firstFailure: failures[0]! },
        { cause },
      );
    }
    const serverMetrics: Record<string, unknown>[] = [];
    const batchIds: (number | null)[] = [];
    for (const group of groups) {
      const sent = await backend.submitGroup(group.items, {
        ...(lastScore !== null ? { validation_score: lastScore } : {}),
        format_failures: group.parsed.filter((p) => p.formatFailure).length,
      });
      batchIds.push(sent.batchId);
      serverMetrics.push(sent.serverMetrics);
    }
    const rewards = groups.flatMap((g) => g.rewards);
    const zero = groups.filter((g) => g.zeroVariance).length;
    const mean = (xs: number[]) => xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
    const numeric = (key: string) =>
      serverMetrics.map((m) => m[key]).filter((v): v is number => typeof v === "number");
    await records.rollouts(groups.map((g, i) => ({
      type: "group",
      step,
      batchId: batchIds[i] ?? null,
      exampleId: g.example.id,
      category: g.example.category,
      messagesHash: messagesHash(g.items[0]!.messages),
      completions: g.items.map((it) => it.completion.content),
      rewards: g.rewards,
      advantages: g.advantages,
    })));
    state = {
      ...state,
      groups: {
        total: state.groups.total + groups.length,
        zeroVariance: state.groups.zeroVariance + zero,
      },
    };
    await records.event({
      type: "step",
      step,
      groups: groups.length,
      failedGroups: failures.length,
      ...(failures.length > 0 ? { firstFailure: failures[0] } : {}),
      rewardMean: mean(rewards),
      rewardStd: Math.sqrt(mean(rewards.map((r) => (r - mean(rewards)) ** 2))),
      zeroVarianceGroups: zero,
      zeroVarianceShare: groups.length ? zero / groups.length : 0,
      abstentions: groups.reduce((n, g) => n + g.parsed.filter((p) => p.abstained).length, 0),
      formatFailures: groups.reduce(
        (n, g) => n + g.parsed.filter((p) => p.formatFailure).length,
        0,
      ),
      ...(numeric("loss").length ? { loss: mean(numeric("loss")) } : {}),
      ...(numeric("kl").length ? { kl: mean(numeric("kl")) } : {}),
      ...(numeric("grad_norm").length ? { gradNorm: mean(numeric("grad_norm")) } : {}),
      completionTokens: groups.reduce((n, g) => n + g.usage.completionTokens, 0),
      seconds: (performance.now() - started) / 1000,
    });
    if (step % config.numStepsForVal === 0 || step === config.numTrainSteps) {
      const result = await runValidation(step);
      lastScore = result.score;
      if (state.best === null || result.score > state.best.score) {
        // ArborGRPO's metadata {score, step_index} (0-based loop index), plus our 1-based step.
        const checkpoint = await backend.checkpoint("model_checkpoint_best", {
          score: result.score,
          step_index: step - 1,
          step,
        });
        await records.event({
          type: "checkpoint",
          step,
          name: "model_checkpoint_best",
          checkpoint,
        });
        state = {
          ...state,
          best: { score: result.score, step },
          job: { ...state.job, bestCheckpoint: checkpoint },
        };
        await context.onBest?.(result, step, checkpoint);
      }
    }
    if (config.checkpointEveryStep) {
      const name = step === config.numTrainSteps
        ? "model_checkpoint_last"
        : `resume_checkpoint_${step % 2}`;
      const checkpoint = await backend.checkpoint(name, { step });
      state = { ...state, job: { ...state.job, resumeCheckpoint: checkpoint } };
    }
    state = {
      ...state,
      completedStep: step,
      job: { ...state.job, chatModel: backend.chatModel() },
      ...(lastScore !== null ? { lastValidationScore: lastScore } : {}),
    };
    await records.saveState(state);
    context.onProgress?.({
      step,
      total: config.numTrainSteps,
      rewardMean: mean(rewards),
      validationScore: lastScore,
      zeroVarianceShare: state.groups.total ? state.groups.zeroVariance / state.groups.total : 0,
    });
  }
  return { state, validations, interrupted: false };
}
