/**
 * Arbor's model-naming rules (arbor-protocol.md §5), for both sides of the wire: the client names
 * the model of its GRPO bodies and chat requests, the server strips the same prefixes.
 *
 * @module
 */

/** The prefixes Arbor strips, once each, in this order. */
export const MODEL_PREFIXES: readonly string[] = ["openai/", "huggingface/", "local:", "arbor:"];

/**
 * Strips `openai/`, `huggingface/`, `local:` and `arbor:` from the front of a model name, each at
 * most once and in that order, as Arbor does: `openai/arbor:grpo:qwen:x:20251101` →
 * `grpo:qwen:x:20251101`. Never throws (the server's view: any string is a name).
 */
export function stripModelPrefixes(model: string): string {
  let name = model;
  for (const prefix of MODEL_PREFIXES) {
    if (name.startsWith(prefix)) name = name.slice(prefix.length);
  }
  return name;
}

/**
 * Strips `openai/`, `huggingface/`, `local:` and `arbor:` from the front of a model name, each
 * at most once and in that order, as Arbor does: `openai/arbor:Qwen/Qwen2.5-3B` →
 * `Qwen/Qwen2.5-3B`. This is the name GRPO request bodies carry.
 *
 * @throws {TypeError} when the name is empty (before or after stripping).
 */
export function arborModelName(model: string): string {
  if (typeof model !== "string" || model.trim() === "") {
    throw new TypeError(`model must be a non-empty string; got ${JSON.stringify(model)}`);
  }
  const name = stripModelPrefixes(model.trim());
  if (name === "") throw new TypeError(`model ${JSON.stringify(model)} is only a prefix`);
  return name;
}

/**
 * The `model` field for `/v1/chat/completions` requests that should reach the job's policy:
 * `arbor:<name>` (what DSPy sends). Arbor strips exactly one `arbor:`, so the server sees
 * `name` unchanged even when it starts with another strippable prefix.
 *
 * @throws {TypeError} when the name is empty.
 */
export function arborChatModel(name: string): string {
  if (typeof name !== "string" || name === "") {
    throw new TypeError(`model name must be a non-empty string; got ${JSON.stringify(name)}`);
  }
  return `arbor:${name}`;
}
