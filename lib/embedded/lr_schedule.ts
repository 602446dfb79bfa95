/**
 * The trainer's learning-rate schedule: Hugging Face's `lr_scheduler_type` with its warm-up, as a
 * factor of the base learning rate at each optimizer step.
 *
 * @module
 */

/** The Hugging Face schedulers the embedded trainer honours. */
export type LrSchedulerType = "constant" | "constant_with_warmup" | "linear" | "cosine";

/** Every {@link LrSchedulerType}. */
export const LR_SCHEDULER_TYPES: readonly LrSchedulerType[] = [
  "constant",
  "constant_with_warmup",
  "linear",
  "cosine",
];

/** A resolved learning-rate schedule. */
export interface LrSchedule {
  /** Which scheduler. */
  type: LrSchedulerType;
  /** Optimizer steps over which the rate rises linearly from 0 (ignored by `constant`). */
  warmupSteps: number;
  /** The step at which `linear` and `cosine` reach 0 (the job's `max_steps`). */
  totalSteps: number | null;
}

/** A constant learning rate, the schedule of a policy trained outside a job. */
export const CONSTANT_LR: LrSchedule = { type: "constant", warmupSteps: 0, totalSteps: null };

/**
 * The factor of the base learning rate for the optimizer step that follows `step` completed
 * steps, as Hugging Face's `LambdaLR` schedules compute it: the first step of a warm-up has
 * factor 0; `linear` and `cosine` decay to 0 at `totalSteps` (without it they stay at 1).
 *
 * @example
 * ```ts
 * import { lrFactor } from "./lr_schedule.ts";
 * const schedule = { type: "constant_with_warmup" as const, warmupSteps: 10, totalSteps: 400 };
 * lrFactor(schedule, 0); // 0
 * lrFactor(schedule, 5); // 0.5
 * lrFactor(schedule, 200); // 1
 * ```
 */
export function lrFactor(schedule: LrSchedule, step: number): number {
  if (schedule.type === "constant") return 1;
  const warmup = schedule.warmupSteps;
  if (step < warmup) return step / Math.max(1, warmup);
  const total = schedule.totalSteps;
  if (schedule.type === "constant_with_warmup" || total === null) return 1;
  const progress = Math.min(1, (step - warmup) / Math.max(1, total - warmup));
  return schedule.type === "linear"
    ? Math.max(0, 1 - progress)
    : Math.max(0, 0.5 * (1 + Math.cos(Math.PI * progress)));
}
