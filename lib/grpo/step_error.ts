/**
 * The error of a GRPO step in which no group could be formed.
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
