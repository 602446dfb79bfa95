/**
 * `deno task train --help`: every flag of `TRAIN_FLAGS` with its default, and the seed guide's
 * defaults.
 *
 * @module
 */

import assert from "node:assert/strict";
import { parseTrainFlags, TRAIN_FLAGS } from "../lib/cli/train_flags.ts";
import { runTrainCli } from "./train_cli_helpers.ts";

/** The `--help` line of each flag, by flag name. */
async function helpLines(): Promise<Map<string, string>> {
  const result = await runTrainCli(["--help"]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stderr, "");
  const lines = new Map<string, string>();
  for (const line of result.stdout.split("\n")) {
    const m = /^\s+--([a-z0-9-]+)\b/.exec(line);
    if (m) lines.set(m[1]!, line);
  }
  return lines;
}

Deno.test("train CLI --help lists every flag with its default", async () => {
  const lines = await helpLines();
  assert.deepEqual([...lines.keys()].sort(), TRAIN_FLAGS.map((f) => f.name).sort());
  for (const flag of TRAIN_FLAGS) {
    const line = lines.get(flag.name)!;
    if (flag.default === undefined) assert.match(line, /default/i, line);
    else assert.ok(line.includes(`(default: ${flag.default})`), line);
  }
});

Deno.test("train CLI defaults are the seed guide's and what the parser resolves", async () => {
  const lines = await helpLines();
  const seed: Record<string, string> = {
    "num-train": "600",
    "num-val": "100",
    "num-train-steps": "500",
    "model": "Qwen/Qwen2.5-3B",
    "inference-gpus": "0",
    "training-gpus": "1,2",
    "num-test": "100",
    "arbor-url": "http://127.0.0.1:7453/v1/",
    "output-dir": "./grpo_checkpoints",
    "program-out": "grpo_optimized_memory_qa.json",
    "per-device-train-batch-size": "2",
    "gradient-accumulation-steps": "4",
    "learning-rate": String(2e-5),
    "beta": "0.04",
    "lora-r": "64",
    "lora-alpha": "16",
    "bf16": "true",
    "max-prompt-length": "4096",
    "max-completion-length": "512",
  };
  for (const [name, value] of Object.entries(seed)) {
    assert.ok(lines.get(name)?.includes(`(default: ${value})`), `--${name}: ${lines.get(name)}`);
  }
  const parsed = parseTrainFlags([]) as unknown as Record<string, unknown>;
  for (const flag of TRAIN_FLAGS) {
    assert.equal(parsed[flag.key], flag.default, `--${flag.name}`);
  }
});
