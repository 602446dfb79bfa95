/**
 * One memory per conversation, built on first use and sharing one tokenizer.
 *
 * @module
 */

import type { Conversation } from "../data/mod.ts";
import {
  buildMemory,
  type BuildMemoryOptions,
  createTokenCounter,
  type Memory,
} from "../memory/mod.ts";

/** Memories of a dataset's conversations, by sample id. Free it when done (or use `using`). */
export interface MemoryBank extends Disposable {
  /**
   * The memory of a conversation (built once).
   *
   * @throws {RangeError} when the sample id is not in the dataset.
   */
  get(sampleId: string): Memory;
  /** Frees every memory and the shared tokenizer. */
  free(): void;
}

/**
 * Creates a memory bank over conversations. Memory options (token budget, sources…) apply to
 * every conversation; the tokenizer is created once and shared.
 */
export function createMemoryBank(
  conversations: readonly Conversation[],
  options: Omit<BuildMemoryOptions, "tokenCounter"> = {},
): MemoryBank {
  const byId = new Map(conversations.map((c) => [c.sampleId, c]));
  const memories = new Map<string, Memory>();
  const tokenCounter = createTokenCounter(options.encoding);
  const free = () => {
    for (const memory of memories.values()) memory.free();
    memories.clear();
    tokenCounter.free();
  };
  return {
    get(sampleId) {
      let memory = memories.get(sampleId);
      if (memory) return memory;
      const conversation = byId.get(sampleId);
      if (!conversation) {
        throw new RangeError(`conversation ${sampleId} is not in the dataset`);
      }
      memory = buildMemory(conversation, { ...options, tokenCounter });
      memories.set(sampleId, memory);
      return memory;
    },
    free,
    [Symbol.dispose]: free,
  };
}
