/**
 * The errors that stop a GRPO run between steps: a step in which no group could be formed, and
 * a reward that keeps failing.
 *
 * @module
 */

/**
 * Every rollout group of a step failed (e.g. the judge refused the API key, or the policy
 * server is down), so nothing could be sent to the trainer. The run stops instead of training
 * on nothing; `--resume` retries the step.
 */
export class GrpoStepError extends Error {
  /** The step (numbered from 1). */
  readonly step: number;
  /** How many groups failed (all of the step's). */
  readonly failedGroups: number;

  /** Builds the error; `firstFailure` is the first group's (already redacted) message. */
  constructor(
    fields: { step: number; failedGroups: number; firstFailure: string },
    options?: ErrorOptions,
  ) {
    super(
      `GRPO step ${fields.step}: all ${fields.failedGroups} rollout group(s) failed, nothing ` +
        `was sent to the trainer (first failure: ${fields.firstFailure})`,
      options,
    );
    this.name = "GrpoStepError";
    this.step = fields.step;
    this.failedGroups = fields.failedGroups;
  }
}

/**
 * The reward (e.g. the LLM judge) failed in `failedSteps` consecutive steps: the run stops
 * instead of training on the groups that happened to get a reward. Steps completed so far are
 * recorded; `--resume` continues once the cause is fixed.
 */
export class RewardFailureError extends Error {
  /** The last step in which the reward failed. */
  readonly step: number;
  /** Consecutive steps with reward failures. */
  readonly failedSteps: number;
  /** Reward calls that failed in those steps (each drops its rollout group). */
  readonly failedCalls: number;

  /** Builds the error; `firstFailure` is the first failure's (already redacted) message. */
  constructor(
    fields: { step: number; failedSteps: number; failedCalls: number; firstFailure: string },
    options?: ErrorOptions,
  ) {
    super(
      `the reward failed in ${fields.failedSteps} consecutive steps (up to step ${fields.step}; ` +
        `${fields.failedCalls} reward call(s) failed, each dropping its rollout group), so the ` +
        `run stops. Cause: ${fields.firstFailure}`,
      options,
    );
    this.name = "RewardFailureError";
    this.step = fields.step;
    this.failedSteps = fields.failedSteps;
    this.failedCalls = fields.failedCalls;
  }
}
