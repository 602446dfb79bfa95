import assert from "node:assert/strict";
import { arborChatModel, arborModelName, stripModelPrefixes } from "./model_name.ts";

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

Deno.test("stripModelPrefixes() strips DSPy's openai/arbor: prefix down to the job id", () => {
  assert.equal(
    stripModelPrefixes("openai/arbor:grpo:qwen:otter:20251101"),
    "grpo:qwen:otter:20251101",
  );
});

Deno.test("stripModelPrefixes() strips each prefix at most once and only in order", () => {
  assert.equal(stripModelPrefixes("arbor:arbor:x"), "arbor:x");
  assert.equal(stripModelPrefixes("arbor:openai/x"), "openai/x");
  assert.equal(stripModelPrefixes("huggingface/local:Qwen/Qwen2.5-3B"), "Qwen/Qwen2.5-3B");
  assert.equal(stripModelPrefixes("/abs/path:with:colons"), "/abs/path:with:colons");
});
