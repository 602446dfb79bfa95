/**
 * Argument checks of the policy's methods (the server validates the wire; these guard direct
 * library use and report the offending value).
 *
 * @module
 */

import type { GroupItem } from "../../protocol/mod.ts";
import type { GenerateRequest, GrpoHyperparams } from "../policy_types.ts";
import { LR_SCHEDULER_TYPES } from "../lr_schedule.ts";

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object";
}

/**
 * Checks a generation request.
 *
 * @throws {TypeError} when `messages` is not an array; {@link RangeError} for a bad `n`,
 * `temperature`, `maxTokens` or `seed`.
 */
export function checkGenerateRequest(request: GenerateRequest): void {
  if (!isObject(request) || !Array.isArray(request.messages)) {
    throw new TypeError("generate() needs { messages: [...] }");
  }
  if (!Number.isInteger(request.n) || request.n < 1) {
    throw new RangeError(`n must be a positive integer, got ${request.n}`);
  }
  if (!Number.isFinite(request.temperature) || request.temperature < 0) {
    throw new RangeError(`temperature must be a finite number >= 0, got ${request.temperature}`);
  }
  if (!Number.isInteger(request.maxTokens) || request.maxTokens < 1) {
    throw new RangeError(`maxTokens must be a positive integer, got ${request.maxTokens}`);
  }
  if (request.seed !== undefined && !Number.isInteger(request.seed)) {
    throw new RangeError(`seed must be an integer, got ${request.seed}`);
  }
}

/**
 * Checks a GRPO group.
 *
 * @throws {TypeError} for an empty group or an item without messages, completion or a finite reward.
 */
export function checkGroup(group: GroupItem[]): void {
  if (!Array.isArray(group) || group.length === 0) {
    throw new TypeError(`train() needs a non-empty group, got ${JSON.stringify(group)}`);
  }
  group.forEach((item, i) => {
    if (
      !isObject(item) || !Array.isArray(item.messages) || !isObject(item.completion) ||
      typeof item.completion.content !== "string"
    ) {
      throw new TypeError(`group[${i}] needs messages (array) and completion ({role, content})`);
    }
    if (typeof item.reward !== "number" || !Number.isFinite(item.reward)) {
      throw new TypeError(`group[${i}].reward must be a finite number, got ${item.reward}`);
    }
  });
}

/**
 * Checks resolved GRPO hyper-parameters.
 *
 * @throws {RangeError} naming the first out-of-range field and its value.
 */
export function checkHyperparams(hp: GrpoHyperparams): void {
  const nonNegative = ["learningRate", "beta", "epsilon", "epsilonHigh", "temperature"] as const;
  for (const name of nonNegative) {
    if (!Number.isFinite(hp[name]) || hp[name] < 0) {
      throw new RangeError(`${name} must be a finite number >= 0, got ${hp[name]}`);
    }
  }
  if (!Number.isFinite(hp.maxGradNorm)) {
    throw new RangeError(`maxGradNorm must be finite, got ${hp.maxGradNorm}`);
  }
  if (!Number.isInteger(hp.groupsPerStep) || hp.groupsPerStep < 1) {
    throw new RangeError(`groupsPerStep must be a positive integer, got ${hp.groupsPerStep}`);
  }
  const { type, warmupSteps, totalSteps } = hp.lrSchedule ?? {};
  if (!LR_SCHEDULER_TYPES.includes(type)) {
    throw new RangeError(
      `lrSchedule.type must be one of ${LR_SCHEDULER_TYPES.join(", ")}, got ${type}`,
    );
  }
  if (!Number.isInteger(warmupSteps) || warmupSteps < 0) {
    throw new RangeError(`lrSchedule.warmupSteps must be an integer >= 0, got ${warmupSteps}`);
  }
  if (totalSteps !== null && !(Number.isInteger(totalSteps) && totalSteps > 0)) {
    throw new RangeError(
      `lrSchedule.totalSteps must be a positive integer or null, got ${totalSteps}`,
    );
  }
}
