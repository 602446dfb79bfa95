import assert from "node:assert/strict";
import { join } from "node:path";
import { createLmClient, optimizeProgram, resolveProgram } from "../mod.ts";
import {
  autoBudget,
  extractInstruction,
  paretoFront,
  reflectionMessages,
  scoreBatch,
} from "../lib/optimize/mod.ts";
import { render } from "../lib/program/mod.ts";
import { readPrompt } from "../lib/embedded/policy/prompt_reader.ts";
import { buildMemory } from "../lib/memory/mod.ts";
import { clientsFor, miniData, startStandIn } from "./optimize_test_utils.ts";

const fenced = (text: string) => `Here is the new instruction:\n\`\`\`\n${text}\n\`\`\`\n`;

Deno.test("autoBudget() gives DSPy's light/medium/heavy budgets for 100 validation examples", () => {
  assert.deepEqual(
    ["light", "medium", "heavy"].map((l) => autoBudget(l as "light", 100).maxMetricCalls),
    [780, 1190, 1735],
  );
});

Deno.test("extractInstruction() reads the first fenced block, else null", () => {
  assert.equal(extractInstruction("x\n```text\nBe brief.\n```"), "Be brief.");
  assert.equal(extractInstruction("Be brief."), null);
  assert.equal(extractInstruction("```\n\n```"), null);
});

Deno.test("GEPA accepts an improving proposal, rejects a worse one, and finds the better instruction", async () => {
  const { examples, conversations } = await miniData();
  const script = [fenced("BAD: answer anything."), fenced("MAGIC: copy the memory exactly.")];
  await using server = startStandIn(examples, (i) => script[i] ?? "no block here");
  const c = clientsFor(server, conversations);
  const runDir = await Deno.makeTempDir();
  try {
    const result = await optimizeProgram(resolveProgram(), { train: examples, val: examples }, {
      maxMetricCalls: 120,
      taskLm: c.taskLm,
      reflectionLm: c.reflectionLm,
      memories: c.memories,
      runDir,
      searchMemory: false,
      seed: 1,
    });
    assert.ok(result.best.program.instructions.includes("MAGIC"), result.best.program.instructions);
    assert.ok(result.best.valScore > result.seed.valScore);
    const events = (await Deno.readTextFile(join(runDir, "optimize.jsonl"))).trim().split("\n")
      .map((l) => JSON.parse(l));
    const bad = events.find((e) => e.instruction?.startsWith("BAD"));
    const magic = events.find((e) => e.instruction?.startsWith("MAGIC"));
    assert.equal(bad.accepted, false);
    assert.ok(
      bad.childScores.reduce((a: number, b: number) => a + b) <
        bad.parentScores.reduce((a: number, b: number) => a + b),
    );
    assert.equal(magic.accepted, true);
    assert.equal(typeof magic.valScore, "number");
    assert.ok(server.taskCalls() <= 120);
    assert.equal(result.cost.metricCalls, server.taskCalls());
  } finally {
    c.close();
    await Deno.remove(runDir, { recursive: true });
  }
});

for (const optimizer of ["gepa", "mipro"] as const) {
  for (const budget of [13, 31, 70]) {
    Deno.test(`${optimizer} never exceeds a budget of ${budget} task-LM calls (counted by the server)`, async () => {
      const { examples, conversations } = await miniData();
      await using server = startStandIn(examples, (i) => fenced(`Rule ${i}: be brief.`));
      const c = clientsFor(server, conversations);
      const runDir = await Deno.makeTempDir();
      try {
        const result = await optimizeProgram(resolveProgram(), {
          train: examples,
          val: examples.slice(0, 9),
        }, {
          optimizer,
          maxMetricCalls: budget,
          taskLm: c.taskLm,
          reflectionLm: c.reflectionLm,
          memories: c.memories,
          runDir,
          seed: 3,
          numCandidates: 3,
        });
        assert.ok(server.taskCalls() <= budget, `${server.taskCalls()} > ${budget}`);
        assert.equal(result.cost.metricCalls, server.taskCalls());
        assert.ok(result.best.valScore >= result.seed.valScore);
      } finally {
        c.close();
        await Deno.remove(runDir, { recursive: true });
      }
    });
  }
}

Deno.test("a reflection reply without a fenced block is a counted failed proposal, not a crash", async () => {
  const { examples, conversations } = await miniData();
  await using server = startStandIn(examples, () => "I would tell it to be brief.");
  const c = clientsFor(server, conversations);
  const runDir = await Deno.makeTempDir();
  try {
    const result = await optimizeProgram(resolveProgram(), { train: examples, val: examples }, {
      maxMetricCalls: 40,
      taskLm: c.taskLm,
      reflectionLm: c.reflectionLm,
      memories: c.memories,
      runDir,
      searchMemory: false,
    });
    assert.ok(result.cost.proposals > 0);
    assert.equal(result.cost.failedProposals, result.cost.proposals);
    assert.equal(result.best.id, 0);
    const log = await Deno.readTextFile(join(runDir, "optimize.jsonl"));
    assert.match(log, /"failure":"no fenced block"/);
  } finally {
    c.close();
    await Deno.remove(runDir, { recursive: true });
  }
});

Deno.test("resume continues the pool and the budget use", async () => {
  const { examples, conversations } = await miniData();
  await using server = startStandIn(examples, (i) => fenced(i === 1 ? "MAGIC rule" : `Rule ${i}`));
  const c = clientsFor(server, conversations);
  const runDir = await Deno.makeTempDir();
  try {
    const base = { taskLm: c.taskLm, reflectionLm: c.reflectionLm, memories: c.memories, runDir };
    const first = await optimizeProgram(resolveProgram(), { train: examples, val: examples }, {
      ...base,
      maxMetricCalls: 30,
      seed: 5,
    });
    const callsAfterFirst = server.taskCalls();
    const second = await optimizeProgram(resolveProgram({ k: 3 }), {
      train: examples,
      val: examples,
    }, { ...base, maxMetricCalls: 90, seed: 5, resume: true });
    assert.deepEqual(second.pool.slice(0, first.pool.length), first.pool);
    assert.equal(second.seed.program.k, first.seed.program.k, "the recorded seed is kept");
    assert.ok(second.cost.metricCalls > first.cost.metricCalls);
    assert.ok(server.taskCalls() <= 90);
    assert.equal(second.cost.metricCalls, server.taskCalls());
    assert.ok(callsAfterFirst <= 30);
    const log = await Deno.readTextFile(join(runDir, "optimize.jsonl"));
    assert.match(log, /"type":"resume"/);
  } finally {
    c.close();
    await Deno.remove(runDir, { recursive: true });
  }
});

Deno.test("paretoFront() keeps the undominated candidates with their per-example wins", () => {
  const cand = (id: number, valScores: number[]) => ({
    id,
    parent: null,
    origin: "seed" as const,
    program: resolveProgram(),
    valScores,
    valScore: 0,
    metricCalls: 0,
  });
  const front = paretoFront([cand(0, [1, 0, 0]), cand(1, [0, 1, 0]), cand(2, [0, 0.5, 0])]);
  assert.deepEqual([...front].sort(), [[0, 2], [1, 2]]);
});

Deno.test("a program's demos render as earlier user/assistant pairs; the embedded policy still reads the question", async () => {
  const { examples, conversations } = await miniData();
  using memory = buildMemory(conversations[0]!);
  const question = { question: examples[0]!.question };
  const plain = render(resolveProgram(), memory, question);
  const demos = [{ question: "Who is Ben?", answer: "Ana's friend" }];
  const withDemos = render(resolveProgram({ demos }), memory, question);
  assert.equal(withDemos.messages.length, plain.messages.length + 2);
  assert.deepEqual(withDemos.messages.at(-1), plain.messages.at(-1));
  assert.deepEqual(withDemos.messages[1], { role: "user", content: "Question: Who is Ben?" });
  assert.equal(readPrompt(withDemos.messages).question, examples[0]!.question);
  assert.deepEqual(readPrompt(withDemos.messages).lines, readPrompt(plain.messages).lines);
});

Deno.test("with --judge llm the judge's verdict is the score, and the reflection LM sees it", async () => {
  const { examples, conversations } = await miniData();
  await using server = startStandIn(examples, () => "no block");
  server.respondWith((request) => {
    const body = request.body as { model: string; messages: { content: string }[] };
    if (body.model === "judge-lm") {
      return { content: '{"label": "CORRECT", "reason": "same meaning"}' };
    }
    return { content: "zzz" };
  });
  const c = clientsFor(server, conversations);
  const judgeLm = createLmClient({ baseUrl: server.baseUrl, model: "judge-lm" });
  try {
    const answerable = examples.filter((e) => e.category !== 5).slice(0, 3);
    const traces = await scoreBatch(resolveProgram(), answerable, {
      lm: c.taskLm,
      memories: c.memories,
      metric: "llm",
      judgeLm,
    });
    assert.deepEqual(traces.map((t) => [t.f1, t.verdict, t.score]), [[0, 1, 1], [0, 1, 1], [
      0,
      1,
      1,
    ]]);
    const prompt = reflectionMessages("Be brief.", traces)[0]!.content;
    assert.match(prompt, /Judge verdict: CORRECT/);
    assert.match(prompt, /Official F1: 0\.00/);
    assert.match(prompt, /```\nBe brief\.\n```/);
  } finally {
    judgeLm.close();
    c.close();
  }
});
