/**
 * The GRPO loop: per step, k examples × G rollouts through the policy's chat endpoint, rewarded,
 * grouped and handed to the trainer; validation at step 0, every N steps and at the end; the best
 * checkpoint kept; every step recorded so `--resume` continues where a run stopped.
 *
 * @module
 */

import type { SplitExample } from "../data/mod.ts";
import type { LmClient } from "../lm/mod.ts";
import type { MemoryBank, Program } from "../program/mod.ts";
import type { GrpoBackend } from "./backend_port.ts";
import { type RewardFunction, rolloutBatch } from "./rollout_group.ts";
import {
  groupRecord,
  type RunRecords,
  type RunState,
  stepEvent,
  validationEvent,
} from "./run_records.ts";
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
  /** Called after each step; what it returns is awaited (a promise finishes before the next step). */
  onProgress?: (progress: TrainProgress) => unknown;
  /** Called after each validation (step 0 included); what it returns is awaited. */
  onValidation?: (step: number, result: ValidationResult) => unknown;
  /** Called when validation improves on the best score (e.g. to save the program). */
  onBest?: (result: ValidationResult, step: number, checkpoint: string | null) => Promise<void>;
  /** The clock of the steps' `seconds`, in milliseconds. Default: `performance.now`. */
  now?: () => number;
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

/** Everything one run of the loop shares between its steps. */
interface LoopRun {
  config: GrpoLoopConfig;
  context: GrpoLoopContext;
  now: () => number;
  validations: { step: number; result: ValidationResult }[];
  /** The state as last saved to `state.json` (what an interrupted run reports). */
  saved: RunState;
}

async function runValidation(run: LoopRun, step: number): Promise<ValidationResult> {
  const { context } = run;
  const result = await validate(context.program, context.val, {
    lm: context.lmFor(context.backend.chatModel()),
    memories: context.memories,
    ...(context.secrets ? { secrets: context.secrets } : {}),
    ...(context.signal ? { signal: context.signal } : {}),
  });
  run.validations.push({ step, result });
  await context.onValidation?.(step, result);
  await context.records.event(validationEvent(step, result));
  return result;
}

async function saveState(run: LoopRun, state: RunState): Promise<void> {
  await run.context.records.saveState(state);
  run.saved = state;
}

/**
 * Runs (or resumes) the GRPO loop. The caller owns the backend and must terminate it (also on
 * error and on Ctrl-C); the loop never leaves a step half-recorded: a step is complete only when
 * `state.json` says so.
 *
 * When `context.signal` aborts, the loop stops: the step in flight is completed if nothing in it
 * observes the signal any more (its groups are all sent and it needs no validation), else it is
 * dropped (whatever it recorded is after `state.json`'s step, which `RunRecords.resume` discards).
 * Either way the loop resolves with `interrupted: true` and the state last saved.
 *
 * @throws {GrpoStepError} when every rollout group of a step failed (nothing to train on); the
 *   step is not recorded, so `--resume` retries it.
 */
export async function runGrpoLoop(
  config: GrpoLoopConfig,
  context: GrpoLoopContext,
): Promise<GrpoLoopResult> {
  const { backend } = context;
  const initial: RunState = context.resumeFrom ?? {
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
  const run: LoopRun = {
    config,
    context,
    now: context.now ?? (() => performance.now()),
    validations: [],
    saved: initial,
  };
  try {
    const interrupted = await runSteps(run, initial);
    return { state: run.saved, validations: run.validations, interrupted };
  } catch (error) {
    if (!context.signal?.aborted) throw error;
    return { state: run.saved, validations: run.validations, interrupted: true };
  }
}

/** The loop proper; resolves `true` when the signal stopped it. */
async function runSteps(run: LoopRun, initial: RunState): Promise<boolean> {
  const { config, context } = run;
  const { backend, records, program } = context;
  let state = initial;
  let lastScore: number | null = state.lastValidationScore ?? state.best?.score ?? null;
  if (!context.resumeFrom) {
    const first = await runValidation(run, 0);
    lastScore = first.score;
    state = { ...state, best: { score: first.score, step: 0 }, lastValidationScore: first.score };
    await context.onBest?.(first, 0, null);
    await saveState(run, state);
  }

  for (let step = state.completedStep + 1; step <= config.numTrainSteps; step++) {
    if (context.signal?.aborted) return true;
    const started = run.now();
    const batch = stepBatch(context.train, step, {
      k: config.examplesPerStep,
      key: (e) => e.category,
      seed: config.seed,
    });
    const { groups, failures, firstError } = await rolloutBatch(program, batch, {
      lm: context.lmFor(backend.chatModel()),
      memories: context.memories,
      reward: context.reward,
      numGenerations: config.numGenerations,
      temperature: config.temperature,
      seed: (i) => (config.seed * 7919 + step * 1009 + i * 101) % 2_147_483_647,
      scaleRewards: config.scaleRewards,
      secrets: context.secrets ?? [],
      ...(context.signal ? { signal: context.signal } : {}),
    });
    if (context.signal?.aborted) return true;
    if (groups.length === 0 && failures.length > 0) {
      throw new GrpoStepError(
        { step, failedGroups: failures.length, firstFailure: failures[0]! },
        { cause: firstError },
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
    await records.rollouts(groups.map((g, i) => groupRecord(step, g, batchIds[i] ?? null)));
    const event = stepEvent(step, groups, {
      failures,
      serverMetrics,
      seconds: (run.now() - started) / 1000,
    });
    state = {
      ...state,
      groups: {
        total: state.groups.total + groups.length,
        zeroVariance: state.groups.zeroVariance + groups.filter((g) => g.zeroVariance).length,
      },
    };
    await records.event(event);
    if (step % config.numStepsForVal === 0 || step === config.numTrainSteps) {
      const result = await runValidation(run, step);
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
    await saveState(run, state);
    await context.onProgress?.({
      step,
      total: config.numTrainSteps,
      rewardMean: event.rewardMean as number,
      validationScore: lastScore,
      zeroVarianceShare: state.groups.total ? state.groups.zeroVariance / state.groups.total : 0,
    });
  }
  return false;
}
