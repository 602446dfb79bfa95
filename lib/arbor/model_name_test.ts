import assert from "node:assert/strict";
import { arborChatModel, arborModelName } from "./model_name.ts";

Deno.test("arborModelName() strips DSPy/LiteLLM prefixes once each, in Arbor's order", () => {
  assert.equal(arborModelName("openai/arbor:Qwen/Qwen2.5-3B"), "Qwen/Qwen2.5-3B");
  assert.equal(arborModelName("Qwen/Qwen2.5-3B"), "Qwen/Qwen2.5-3B");
  assert.equal(arborModelName("huggingface/Qwen/Qwen2.5-3B"), "Qwen/Qwen2.5-3B");
  assert.equal(arborModelName("arbor:grpo:qwen2.5-3b:x:20251101"), "grpo:qwen2.5-3b:x:20251101");
  assert.throws(() => arborModelName("openai/"), TypeError);
});

Deno.test("arborChatModel() survives Arbor's prefix stripping unchanged", () => {
  for (const name of ["grpo:qwen:x:20251101", "local:weights", "/storage/models/grpo:q:dspy:1"]) {
    assert.equal(arborModelName(arborChatModel(name)), name);
  }
});
