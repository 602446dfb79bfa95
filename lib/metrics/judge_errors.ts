/**
 * Errors of the LLM judge.
 *
 * @module
 */

import type { JudgeResult } from "./judge_types.ts";

/** The judge was configured to grade with the model it grades (or another invalid setup). */
export class JudgeConfigError extends Error {
  /** The judge model. */
  readonly judgeModel: string;
  /** The policy model whose answers are graded. */
  readonly policyModel: string;

  /** Builds the error; `problem` says what is wrong with the configuration. */
  constructor(
    fields: { judgeModel: string; policyModel: string; problem: string },
    options?: ErrorOptions,
  ) {
    super(
      `Judge configuration refused: ${fields.problem} (judge model "${fields.judgeModel}", ` +
        `policy model "${fields.policyModel}")`,
      options,
    );
    this.name = "JudgeConfigError";
    this.judgeModel = fields.judgeModel;
    this.policyModel = fields.policyModel;
  }
}

/** A judge reply had no recognisable CORRECT/WRONG label. */
export class JudgeParseError extends SyntaxError {
  /** The start of the reply (at most 200 characters). */
  readonly reply: string;

  /** Builds the error for the unreadable `reply`. */
  constructor(reply: string, options?: ErrorOptions) {
    const shown = reply.length > 200 ? `${reply.slice(0, 200)}…` : reply;
    super(`Judge reply has no CORRECT/WRONG label: ${JSON.stringify(shown)}`, options);
    this.name = "JudgeParseError";
    this.reply = shown;
  }
}

/** Some questions could not be judged (more than the run's `maxFailures`). */
export class JudgeIncompleteError extends Error {
  /** Judgements that failed. */
  readonly failed: number;
  /** Judgements attempted (questions × runs). */
  readonly total: number;
  /** The whole result, failures listed with their errors; verdicts given so far are kept. */
  readonly result: JudgeResult;

  /** Builds the error; `firstError` is the first failure's message. */
  constructor(
    fields: { failed: number; total: number; firstError: string; result: JudgeResult },
    options?: ErrorOptions,
  ) {
    super(
      `${fields.failed} of ${fields.total} judgements failed (first: ${fields.firstError}). ` +
        "Verdicts already given are cached; rerun to retry only the failed ones.",
      options,
    );
    this.name = "JudgeIncompleteError";
    this.failed = fields.failed;
    this.total = fields.total;
    this.result = fields.result;
  }
}

/** Why {@link JudgeUnavailableError} was raised. */
export type JudgeProblem = "unreachable" | "unauthorized" | "unknown_model" | "refused";

/**
 * The judge could not be used: the probe request (one tiny chat call made before a run)
 * failed, so no verdict can be had from it.
 */
export class JudgeUnavailableError extends Error {
  /** The judge endpoint. */
  readonly baseUrl: string;
  /** The judge model. */
  readonly judgeModel: string;
  /** What is wrong. */
  readonly problem: JudgeProblem;
  /** The HTTP status of the probe, or `null` when there was no reply. */
  readonly status: number | null;

  /** Builds the error; `detail` says what the probe got (secrets already redacted). */
  constructor(
    fields: {
      baseUrl: string;
      judgeModel: string;
      problem: JudgeProblem;
      status: number | null;
      detail: string;
      keyHint?: string;
      /** Which LM was probed, for the message. Default: `"judge"`. */
      role?: string;
    },
    options?: ErrorOptions,
  ) {
    const role = fields.role ?? "judge";
    const at = `the ${role} at ${fields.baseUrl} (model "${fields.judgeModel}")`;
    const status = fields.status === null ? "" : ` (HTTP ${fields.status})`;
    const what = {
      unreachable: `cannot be reached: ${fields.detail}`,
      unauthorized: `refused the API key${status}: set ${
        fields.keyHint ?? `the ${role}'s API key`
      } to a key it accepts`,
      unknown_model: `does not serve this model${status}: ${fields.detail}`,
      refused: `answered the probe with an error${status}: ${fields.detail}`,
    }[fields.problem];
    super(
      `${
        role === "judge" ? "Judge" : role[0]!.toUpperCase() + role.slice(1)
      } unavailable: ${at} ${what}`,
      options,
    );
    this.name = "JudgeUnavailableError";
    this.baseUrl = fields.baseUrl;
    this.judgeModel = fields.judgeModel;
    this.problem = fields.problem;
    this.status = fields.status;
  }
}
