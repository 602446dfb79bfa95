import assert from "node:assert/strict";
import { stripModelPrefixes } from "./model_name.ts";

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
