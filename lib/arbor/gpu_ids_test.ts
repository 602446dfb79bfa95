import assert from "node:assert/strict";
import { parseGpuIds } from "./gpu_ids.ts";

Deno.test("parseGpuIds() reads the seed's id strings", () => {
  assert.deepEqual(parseGpuIds("0", "x"), [0]);
  assert.deepEqual(parseGpuIds("1,2", "x"), [1, 2]);
  assert.deepEqual(parseGpuIds("1, 2", "x"), [1, 2]);
  assert.deepEqual(parseGpuIds(3, "x"), [3]);
  assert.deepEqual(parseGpuIds([4, 5], "x"), [4, 5]);
});

Deno.test("parseGpuIds() rejects empty, negative, fractional and repeated ids", () => {
  assert.throws(() => parseGpuIds("", "--training-gpus"), /--training-gpus must name at least/);
  assert.throws(() => parseGpuIds("-1", "x"), /"-1" in "-1" is not one/);
  assert.throws(() => parseGpuIds("1.5", "x"), RangeError);
  assert.throws(() => parseGpuIds("1,,2", "x"), /"" in "1,,2"/);
  assert.throws(() => parseGpuIds("1,1", "x"), /lists GPU 1 twice/);
  assert.throws(() => parseGpuIds(null, "x"), TypeError);
});
