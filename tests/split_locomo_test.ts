import assert from "node:assert/strict";
import {
  CATEGORY_IDS,
  checkSplits,
  loadLocomo,
  type LocomoDataset,
  type LocomoSplits,
  splitCounts,
  splitLocomo,
} from "../mod.ts";
import { CATEGORY_NAMES, serializeSplit, SPLIT_NAMES } from "../lib/data/mod.ts";

const LOCOMO_PATH = Deno.env.get("LOCOMO_PATH");
const ignore = !LOCOMO_PATH;
let loaded: Promise<LocomoDataset> | undefined;
const dataset = () => loaded ??= loadLocomo(LOCOMO_PATH!);
const parts = (splits: LocomoSplits) => SPLIT_NAMES.map((name) => splits[name]);

Deno.test({
  name: "splitLocomo() gives 6/2/2 conversations by default, none in two splits",
  ignore,
  async fn() {
    const data = await dataset();
    const splits = splitLocomo(data);
    assert.deepEqual(parts(splits).map((s) => s.conversations.length), [6, 2, 2]);
    const all = parts(splits).flatMap((s) => s.conversations);
    assert.equal(new Set(all).size, 10);
    assert.deepEqual(all.sort(), data.conversations.map((c) => c.sampleId).sort());
    for (const s of parts(splits)) {
      assert.ok(s.examples.every((e) => s.conversations.includes(e.sampleId)), s.split);
    }
  },
});

Deno.test({
  name: "splitLocomo() puts each of the 1,986 questions in exactly one split",
  ignore,
  async fn() {
    const data = await dataset();
    const splits = splitLocomo(data);
    const ids = parts(splits).flatMap((s) => s.examples.map((e) => e.id));
    assert.equal(ids.length, 1986);
    assert.equal(new Set(ids).size, 1986);
    assert.deepEqual(ids.sort(), data.questions.map((q) => q.id).sort());
    assert.deepEqual(checkSplits(splits, data.questions.map((q) => q.id)), []);
  },
});

Deno.test({
  name: "splitLocomo() output is byte-identical across independent reruns",
  ignore,
  async fn() {
    const first = splitLocomo(await loadLocomo(LOCOMO_PATH!));
    const second = splitLocomo(await loadLocomo(LOCOMO_PATH!));
    for (const name of SPLIT_NAMES) {
      assert.equal(serializeSplit(first[name]), serializeSplit(second[name]), name);
    }
  },
});

Deno.test({
  name: "splitLocomo() per-category counts add up to 282/321/96/841/446, balanced",
  ignore,
  async fn() {
    const counts = splitCounts(splitLocomo(await dataset()));
    const totals = CATEGORY_IDS.map((c) =>
      counts.reduce((n, s) => n + s.byCategory[CATEGORY_NAMES[c]]!, 0)
    );
    assert.deepEqual(totals, [282, 321, 96, 841, 446]);
    assert.equal(counts.reduce((n, s) => n + s.questions, 0), 1986);
    for (const s of counts) {
      CATEGORY_IDS.forEach((c, i) => {
        const share = s.byCategory[CATEGORY_NAMES[c]]! / s.questions;
        const overall = totals[i]! / 1986;
        assert.ok(Math.abs(share - overall) < 0.03, `${s.split} ${CATEGORY_NAMES[c]}: ${share}`);
      });
    }
  },
});

Deno.test({
  name: "splitLocomo() examples reference conversations by sampleId and never embed them",
  ignore,
  async fn() {
    const data = await dataset();
    const splits = splitLocomo(data);
    const keys = ["id", "sampleId", "question", "answer", "category", "evidence"];
    let bytes = 0;
    for (const s of parts(splits)) {
      for (const e of s.examples) assert.deepEqual(Object.keys(e), keys);
      const text = serializeSplit(s);
      bytes += new TextEncoder().encode(text).length;
      assert.doesNotMatch(text, /"(conversation|turns|sessions|session_\d+)":/);
    }
    assert.ok(bytes < 700_000, `three split files take ${bytes} bytes`);
    const all = parts(splits).map(serializeSplit).join("");
    const longTurns = data.conversations.flatMap((c) => c.sessions).flatMap((s) => s.turns)
      .map((t) => t.text).filter((t) => t.length > 200).slice(0, 50);
    assert.ok(longTurns.length > 0);
    for (const text of longTurns) assert.ok(!all.includes(JSON.stringify(text).slice(1, -1)));
  },
});

Deno.test({
  name: "splitLocomo() never uses a category-5 trap answer as the answer",
  ignore,
  async fn() {
    const data = await dataset();
    const trap = new Map(data.questions.map((q) => [q.id, q.adversarialAnswer]));
    const adversarial = parts(splitLocomo(data)).flatMap((s) => s.examples)
      .filter((e) => e.category === 5);
    assert.equal(adversarial.length, 446);
    for (const e of adversarial) {
      assert.notEqual(e.answer, trap.get(e.id), e.id);
      assert.ok(!("adversarialAnswer" in e));
    }
  },
});

Deno.test({
  name: "splitLocomo() gives a valid split for other seeds and ratios",
  ignore,
  async fn() {
    const data = await dataset();
    const ids = data.questions.map((q) => q.id);
    for (const seed of [0, 7, 2024]) {
      const splits = splitLocomo(data, { seed });
      assert.deepEqual(checkSplits(splits, ids), [], `seed ${seed}`);
      assert.equal(splits.train.seed, seed);
    }
    const wide = splitLocomo(data, { trainRatio: 0.8, valRatio: 0.1, testRatio: 0.1 });
    assert.deepEqual(parts(wide).map((s) => s.conversations.length), [8, 1, 1]);
    assert.deepEqual(checkSplits(wide, ids), []);
  },
});
