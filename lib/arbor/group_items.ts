/**
 * Checking a GRPO group before it is sent, and copying it to exactly the wire fields.
 *
 * @module
 */

import type { GroupItem } from "../protocol/mod.ts";

const ROLES = new Set(["system", "user", "assistant"]);

function checkItem(item: GroupItem, index: number): GroupItem {
  const where = `group item ${index}`;
  if (!Array.isArray(item?.messages) || item.messages.length === 0) {
    throw new TypeError(`${where}: messages must be a non-empty list`);
  }
  const messages = item.messages.map((m, j) => {
    if (!ROLES.has(m?.role) || typeof m?.content !== "string") {
      throw new TypeError(
        `${where}: messages[${j}] must be {role: system|user|assistant, content: string}; ` +
          `got ${JSON.stringify(m)?.slice(0, 120)}`,
      );
    }
    return { role: m.role, content: m.content };
  });
  if (item.completion?.role !== "assistant" || typeof item.completion?.content !== "string") {
    throw new TypeError(`${where}: completion must be {role: "assistant", content: string}`);
  }
  if (typeof item.reward !== "number" || !Number.isFinite(item.reward)) {
    throw new RangeError(`${where}: reward must be a finite number; got ${item.reward}`);
  }
  return {
    messages,
    completion: { role: "assistant", content: item.completion.content },
    reward: item.reward,
  };
}

/**
 * Checks that `group` holds exactly `numGenerations` well-formed items and returns a copy with
 * only `messages`, `completion` and `reward` (no stray fields reach the server).
 *
 * @throws {RangeError} for a wrong group size or a non-finite reward.
 * @throws {TypeError} for a malformed item.
 */
export function wireGroup(group: readonly GroupItem[], numGenerations: number): GroupItem[] {
  if (!Array.isArray(group) || group.length !== numGenerations) {
    throw new RangeError(
      `a group must hold exactly num_generations = ${numGenerations} items; got ${
        Array.isArray(group) ? group.length : typeof group
      }`,
    );
  }
  return group.map(checkItem);
}
