import assert from "node:assert/strict";
import {
  headJobId,
  midRunName,
  modelBasename,
  portableFolderName,
  randomSlug,
  randomSuffix,
  shortSuffixFor,
  slugFor,
} from "./job_id.ts";

const date = new Date(Date.UTC(2025, 10, 1, 10, 15, 0));

Deno.test("headJobId() follows Arbor's grpo:<basename>:<run>:<YYYYMMDD> pattern", () => {
  assert.equal(
    headJobId("Qwen/Qwen2.5-1.5B-Instruct", "brave-otter", date),
    "grpo:qwen2.5-1.5b-instruct:brave-otter:20251101",
  );
});

Deno.test("midRunName() appends date and time like mid-2025 Arbor", () => {
  assert.equal(midRunName("Qwen/Qwen2.5-3B", "dspy", date), "grpo:qwen2.5-3b:dspy:20251101_101500");
});

Deno.test("modelBasename() takes the last segment of a path with a trailing slash", () => {
  assert.equal(modelBasename("/runs/x/checkpoints/Best/"), "best");
});

Deno.test("slugFor() and shortSuffixFor() give distinct names for distinct indices", () => {
  const slugs = new Set(Array.from({ length: 50 }, (_, i) => slugFor(i)));
  assert.equal(slugs.size, 50);
  const suffixes = new Set(Array.from({ length: 50 }, (_, i) => shortSuffixFor(i)));
  assert.equal(suffixes.size, 50);
  assert.match(shortSuffixFor(3), /^[a-z0-9]{6}$/);
});

Deno.test("portableFolderName() maps Arbor's `:` to `_`; randomSlug() differs per call", () => {
  assert.equal(
    portableFolderName("grpo:qwen2.5-3b:calm-crane:20261206"),
    "grpo_qwen2.5-3b_calm-crane_20261206",
  );
  assert.equal(portableFolderName("../x"), "x");
  assert.equal(portableFolderName(".."), "job");
  assert.match(randomSuffix(), /^[a-z0-9]{6}$/);
  assert.match(randomSlug(), /^[a-z]+-[a-z]+-[a-z0-9]{6}$/);
  assert.notEqual(randomSlug(), randomSlug());
});
