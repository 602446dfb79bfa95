import assert from "node:assert/strict";
import type { MemoryUnit } from "../memory/memory_types.ts";
import type { RetrievalTrace } from "../memory/retrieval_trace.ts";
import { buildMemory } from "../memory/build_memory.ts";
import { sampleConversation } from "../memory/sample_conversation.ts";
import { displayBundle } from "./display_bundle.ts";
import { RetrievalView, retrievalView } from "./retrieval_view.ts";

// Real units of the self-written sample conversation, with texts set for the test.
const sample = buildMemory(sampleConversation());
const base = sample.units;
sample.free();
function unit(i: number, diaId: string, speaker: string, text: string): MemoryUnit {
  return { ...base[i]!, id: diaId, speaker, text, imageCaption: undefined, diaIds: [diaId] };
}

const units = [
  unit(0, "D1:1", "Ana", "I started pottery <script>alert(1)</script> classes."),
  unit(1, "D1:2", "Ben", "Nice, where?"),
  unit(2, "D1:3", "Ana", "At the studio near the park."),
];

const trace: RetrievalTrace = {
  sampleId: "sample-1",
  question: "Where does Ana take <i>pottery</i> classes?",
  units: [
    { rank: 1, score: 4.5, unit: units[2]! },
    { rank: 2, score: 2.25, unit: units[1]! },
  ],
  diaIds: ["D1:3", "D1:2"],
  tokens: 20,
  evidence: undefined,
  config: {} as RetrievalTrace["config"],
};

Deno.test("retrievalView() lists units in rank order and highlights evidence", () => {
  const view = new RetrievalView(trace, { evidence: ["D1:3"] });
  assert.deepEqual(view.rows().map((r) => [r.rank, r.diaIds, r.evidence]), [
    [1, "D1:3", true],
    [2, "D1:2", false],
  ]);
  const bundle = displayBundle(view);
  assert.deepEqual(Object.keys(bundle).sort(), ["text/html", "text/plain"]);
  assert.match(bundle["text/html"]!, /<tr style="background:#fff3bf[^"]*"><td[^>]*>1<\/td>/);
  assert.match(bundle["text/plain"]!, /^\* {3}1 {3}4\.50 D1:3 Ana: At the studio/m);
  assert.match(bundle["text/plain"]!, /^ {4}2 {3}2\.25 D1:2 Ben/m);
});

Deno.test("retrievalView() lists missed evidence with its text when units are given", () => {
  const view = new RetrievalView(trace, { evidence: ["D1:3", "D1:1"], units });
  assert.deepEqual(view.missed(), ["D1:1"]);
  const html = view.html;
  assert.match(html, /Evidence not in the view/);
  assert.match(html, /evidence in view 1\/2/);
  assert.match(view.text, /missed D1:1 Ana: I started pottery/);
});

Deno.test("retrievalView() escapes the question and every text from the data", () => {
  const html = retrievalView(trace, { evidence: ["D1:1"], units }).html!;
  assert.ok(!html.includes("<script>"));
  assert.ok(!html.includes("<i>pottery"));
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(html, /&lt;i&gt;pottery&lt;\/i&gt;/);
});

Deno.test("retrievalView() takes the trace's evidence by default and honours limit", () => {
  const withEvidence: RetrievalTrace = {
    ...trace,
    evidence: { ids: ["D1:2"], hit: ["D1:2"], missed: [], recall: 1 },
  };
  const view = new RetrievalView(withEvidence, { limit: 1 });
  assert.deepEqual(view.rows().map((r) => r.diaIds), ["D1:3"]);
  assert.deepEqual(view.missed(), ["D1:2"]);
  assert.throws(() => retrievalView(trace, { limit: 0 }), { name: "RangeError", message: /0/ });
});
