import assert from "node:assert/strict";
import { validateLocomo } from "./validate_locomo.ts";

const MINI_URL = new URL("../../data/sample/mini_locomo.json", import.meta.url);
// deno-lint-ignore no-explicit-any
const mini = (): any[] => JSON.parse(Deno.readTextFileSync(MINI_URL));

Deno.test("validateLocomo() finds no problem in a valid file", () => {
  assert.deepEqual(validateLocomo(mini()), []);
});

Deno.test("validateLocomo() lists every problem in path order with what was expected", () => {
  const samples = mini();
  samples[1].sample_id = samples[0].sample_id;
  samples[0].qa[0].category = 9;
  delete samples[0].conversation.session_1_date_time;
  const problems = validateLocomo(samples);
  assert.deepEqual(problems.map((p) => p.path), [
    [0, "conversation", "session_1_date_time"],
    [0, "qa", 0, "category"],
    [1, "sample_id"],
  ]);
  assert.equal(problems[1]!.expected, "a category id 1–5");
  assert.match(problems[2]!.expected, /not used before \(sample \[0\] has it\)/);
});
