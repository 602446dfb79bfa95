/**
 * Arbor's model-naming rules (arbor-protocol.md §5), from the client's side.
 *
 * @module
 */

const PREFIXES = ["openai/", "huggingface/", "local:", "arbor:"] as const;

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
  let name = model.trim();
  for (const prefix of PREFIXES) if (name.startsWith(prefix)) name = name.slice(prefix.length);
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
