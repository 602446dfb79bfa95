import assert from "node:assert/strict";
import { loadLocomo } from "../lib/data/load_locomo.ts";
import { buildMemory } from "../lib/memory/build_memory.ts";
import { locomoF1 } from "../lib/metrics/locomo_f1.ts";
import { isAbstention } from "../lib/metrics/abstention.ts";
import { render } from "../lib/program/render_prompt.ts";
import { resolveProgram } from "../lib/program/program_config.ts";
import { createExtractivePolicy } from "../lib/embedded/policy/extractive_policy.ts";

const path = Deno.env.get("LOCOMO_PATH");

Deno.test({
  name: "extractive policy raises its rollout reward on rendered LOCOMO prompts with GRPO",
  ignore: !path,
  fn: async () => {
    const dataset = await loadLocomo(path!);
    const conversation = dataset.conversations[0]!;
    using memory = buildMemory(conversation);
    const program = resolveProgram({ k: 10 });
    const examples = dataset.questions
      .filter((q) => q.sampleId === conversation.sampleId && q.category !== 5)
      .slice(0, 24)
      .map((q) => ({ q, messages: render(program, memory, { question: q.question }).messages }));
    const reward = (text: string, q: (typeof examples)[number]["q"]) =>
      isAbstention(text) ? -0.4 : locomoF1(text, q.answer, q.category);
    const policy = createExtractivePolicy();
    const hp = {
      learningRate: 2e-5,
      beta: 0.001,
      scaleRewards: false,
      maxGradNorm: 1,
      gradientAccumulationSteps: 1,
      epsilon: 0.2,
      epsilonHigh: 0.28,
      temperature: 1,
    };
    const epochReward: number[] = [];
    for (let epoch = 0; epoch < 6; epoch++) {
      let total = 0;
      examples.forEach(({ q, messages }, i) => {
        const completions = policy.generate({
          messages,
          temperature: 1,
          maxTokens: 64,
          n: 8,
          seed: epoch * 100 + i,
        });
        const group = completions.map((c) => ({ messages, completion: c, reward: reward(c, q) }));
        total += group.reduce((a, item) => a + item.reward, 0) / group.length;
        const stats = policy.train(group, hp);
        assert.equal(stats.skipped, 0, "the policy's own completions are always in its support");
      });
      epochReward.push(total / examples.length);
    }
    const [first, last] = [epochReward[0]!, epochReward[epochReward.length - 1]!];
    assert.ok(
      last > first + 0.05,
      `mean rollout reward by epoch: ${epochReward.map((r) => r.toFixed(3))}`,
    );
  },
});
