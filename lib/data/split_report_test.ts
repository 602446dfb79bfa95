import assert from "node:assert/strict";
import { parseLocomo } from "./load_locomo.ts";
import { type LocomoSplits, splitLocomo } from "./split_locomo.ts";
import { checkSplits, splitCounts, splitLeakage } from "./split_report.ts";

const mini = parseLocomo(
  Deno.readTextFileSync(new URL("../../data/sample/mini_locomo.json", import.meta.url)),
);
const good = (): LocomoSplits =>
  structuredClone(splitLocomo(mini, { trainRatio: 1 / 3, valRatio: 1 / 3, testRatio: 1 / 3 }));

Deno.test("checkSplits() finds a conversation in two splits", () => {
  const splits = good();
  splits.val.conversations.push(splits.train.conversations[0]!);
  assert.match(checkSplits(splits).join("\n"), /conversation mini-\d is in both train and val/);
});

Deno.test("checkSplits() finds duplicated, misplaced and missing questions", () => {
  const splits = good();
  const ids = mini.questions.map((q) => q.id);
  const moved = splits.train.examples.pop()!;
  splits.val.examples.push(moved, splits.val.examples[0]!);
  const problems = checkSplits(splits, [...ids, "mini-9:q0"]).join("\n");
  assert.match(problems, new RegExp(`val example ${moved.id} belongs to`));
  assert.match(problems, /appears more than once/);
  assert.match(problems, /question mini-9:q0 is in no split/);
});

Deno.test("splitCounts() counts questions per split and category name", () => {
  const counts = splitCounts(good());
  const total: Record<string, number> = {};
  for (const c of counts) {
    for (const [name, n] of Object.entries(c.byCategory)) total[name] = (total[name] ?? 0) + n;
  }
  assert.deepEqual(total, {
    "multi-hop": 2,
    temporal: 2,
    "open-domain": 1,
    "single-hop": 5,
    adversarial: 3,
  });
  assert.equal(counts.reduce((a, c) => a + c.questions, 0), 13);
  assert.deepEqual(counts.map((c) => c.split), ["train", "val", "test"]);
});

Deno.test("splitLeakage() counts test questions whose conversation or evidence turn was seen in training", () => {
  const q = (sampleId: string, evidence: string[]) => ({ sampleId, evidence });
  const train = [q("a", ["D1:1"]), q("b", ["D2:3"])];
  const test = [q("a", ["D1:1", "D1:2"]), q("a", ["D1:5"]), q("b", ["D1:1"]), q("c", ["D1:1"])];
  assert.deepEqual(splitLeakage({ train, test }), {
    test: 4,
    seenConversation: 3,
    seenEvidence: 1, // D1:1 of a; D1:1 of b and c are other turns
  });
  assert.deepEqual(splitLeakage({ train, test: [] }), {
    test: 0,
    seenConversation: 0,
    seenEvidence: 0,
  });
});
