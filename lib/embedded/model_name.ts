/**
 * Arbor's model-name rules for chat requests and GRPO bodies.
 *
 * @module
 */

/** The prefixes Arbor strips, once each, in this order. */
export const MODEL_PREFIXES: readonly string[] = ["openai/", "huggingface/", "local:", "arbor:"];

/**
 * Strips `openai/`, `huggingface/`, `local:` and `arbor:` from the front of a model name, each at
 * most once and in that order, as Arbor does: `openai/arbor:grpo:qwen:x:20251101` →
 * `grpo:qwen:x:20251101`.
 */
export function stripModelPrefixes(model: string): string {
  let name = model;
  for (const prefix of MODEL_PREFIXES) {
    if (name.startsWith(prefix)) name = name.slice(prefix.length);
  }
  return name;
}
