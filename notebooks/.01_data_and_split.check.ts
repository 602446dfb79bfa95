// cell 2
import { loadLocomo } from "../lib/data/load_locomo.ts";
import { CATEGORY_IDS, CATEGORY_MAPPING_NOTE, categoryName } from "../lib/data/categories.ts";
import { splitLocomo } from "../lib/data/split_locomo.ts";
import { checkSplits, splitCounts } from "../lib/data/split_report.ts";
import type { Question } from "../lib/data/types.ts";
import { createRng } from "../lib/random/seeded_rng.ts";
import { barChart } from "../lib/viz/bar_chart.ts";
import { table } from "../lib/viz/table.ts";

const locomoPath = Deno.env.get("LOCOMO_PATH") ?? "../data/locomo10.json";
const data = await loadLocomo(locomoPath);
const turnCount = data.conversations.reduce(
  (n, c) => n + c.sessions.reduce((m, s) => m + s.turns.length, 0),
  0,
);
console.log(
  `${data.source.file}: ${data.conversations.length} conversations, ${turnCount} turns, ` +
    `${data.questions.length} questions (sha256 ${data.source.sha256.slice(0, 12)}…)`,
);
// cell 4
table(
  data.conversations.map((c) => ({
    conversation: c.sampleId,
    speakers: `${c.speakerA} & ${c.speakerB}`,
    sessions: c.sessions.length,
    turns: c.sessions.reduce((n, s) => n + s.turns.length, 0),
    questions: data.questions.filter((q) => q.sampleId === c.sampleId).length,
    from: c.sessions[0]?.date.slice(0, 10) ?? "",
    to: c.sessions.at(-1)?.date.slice(0, 10) ?? "",
  })),
  { caption: "LOCOMO conversations" },
);
// cell 6
const conversation = data.conversations[0]!;
await Deno.jupyter.display(
  table(
    conversation.sessions.map((s) => ({
      session: s.index,
      date: s.dateTime,
      turns: s.turns.length,
      images: s.turns.filter((t) => t.imageCaption !== undefined).length,
    })),
    { caption: `${conversation.sampleId}: ${conversation.sessions.length} sessions` },
  ),
);
table(
  conversation.sessions[0]!.turns.slice(0, 6).map((t) => ({
    dia_id: t.diaId,
    speaker: t.speaker,
    text: t.text,
    image: t.imageCaption ?? "",
  })),
  { caption: `Session 1 of ${conversation.sampleId}, first turns` },
);
// cell 8
console.log(CATEGORY_MAPPING_NOTE);
// cell 9
function exampleOf(category: number): Question {
  return data.questions.find((q) => q.category === category && q.evidence.length > 0)!;
}
const categoryRows = CATEGORY_IDS.map((id) => {
  const example = exampleOf(id);
  return {
    id,
    category: categoryName(id),
    questions: data.questions.filter((q) => q.category === id).length,
    example: example.question,
    "gold answer": example.answer === null ? "(none: abstain)" : String(example.answer),
    "trap answer": example.adversarialAnswer ?? "",
  };
});
await Deno.jupyter.display(table(categoryRows, { caption: "Questions by category" }));
barChart(categoryRows, {
  x: "category",
  y: "questions",
  title: "LOCOMO questions by category",
  xLabel: "category",
  yLabel: "questions",
});
// cell 11
const splits = splitLocomo(data, { seed: 42 });
const problems = checkSplits(splits, data.questions.map((q) => q.id));
console.log(`checkSplits: ${problems.length === 0 ? "no problems" : problems.join("; ")}`);
const counts = splitCounts(splits);
await Deno.jupyter.display(
  table(
    counts.map((c) => ({
      split: c.split,
      conversations: splits[c.split as "train" | "val" | "test"].conversations.join(", "),
      questions: c.questions,
      ...c.byCategory,
    })),
    { caption: "Split by conversation (seed 42)" },
  ),
);
barChart(
  counts.flatMap((c) =>
    Object.entries(c.byCategory).map(([category, n]) => ({
      split: c.split,
      category,
      share: n / c.questions,
    }))
  ),
  {
    x: "category",
    y: "share",
    group: "split",
    title: "Category mix per split (share of the split's questions)",
    yLabel: "share of questions",
    labels: false,
  },
);
// cell 13
const rng = createRng(42);
const shuffled = rng.shuffle(data.questions);
const nTrain = Math.round(0.6 * shuffled.length);
const nVal = Math.round(0.2 * shuffled.length);
const byQuestion = { train: shuffled.slice(0, nTrain), test: shuffled.slice(nTrain + nVal) };
const byConversation = {
  train: data.questions.filter((q) => splits.train.conversations.includes(q.sampleId)),
  test: data.questions.filter((q) => splits.test.conversations.includes(q.sampleId)),
};

function leakage(split: { train: Question[]; test: Question[] }) {
  const trainConversations = new Set(split.train.map((q) => q.sampleId));
  const trainEvidence = new Set(split.train.flatMap((q) => q.evidence.map((e) => `${q.sampleId}/${e}`)));
  const seenConversation = split.test.filter((q) => trainConversations.has(q.sampleId)).length;
  const seenEvidence = split.test.filter((q) =>
    q.evidence.some((e) => trainEvidence.has(`${q.sampleId}/${e}`))
  ).length;
  return { test: split.test.length, seenConversation, seenEvidence };
}

const leaks = [
  { split: "by question (random)", ...leakage(byQuestion) },
  { split: "by conversation", ...leakage(byConversation) },
];
await Deno.jupyter.display(
  table(
    leaks.map((l) => ({
      split: l.split,
      "test questions": l.test,
      "conversation seen in training": `${l.seenConversation} (${(100 * l.seenConversation / l.test).toFixed(1)} %)`,
      "evidence turn seen in training": `${l.seenEvidence} (${(100 * l.seenEvidence / l.test).toFixed(1)} %)`,
    })),
    { caption: "Test questions whose answer was visible during training" },
  ),
);
barChart(
  leaks.flatMap((l) => [
    { split: l.split, leak: "conversation seen", share: l.seenConversation / l.test },
    { split: l.split, leak: "evidence turn seen", share: l.seenEvidence / l.test },
  ]),
  {
    x: "leak",
    y: "share",
    group: "split",
    yDomain: [0, 1],
    title: "Share of test questions leaked into training",
    yLabel: "share of test questions",
  },
);
export {};
