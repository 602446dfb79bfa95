import assert from "node:assert/strict";
import {
  type ChatMessage,
  computeReward,
  createMemoryBank,
  loadLocomo,
  locomoF1,
  resolveProgram,
  resolveRewardConfig,
  type SplitExample,
  splitLocomo,
  stratifiedSample,
} from "../mod.ts";
import { parseAnswer, render } from "../lib/program/mod.ts";
import { resolveTrainConfig, stepBatch, trainerSettingsFor } from "../lib/grpo/mod.ts";
import { headInitializeBody } from "../lib/arbor/initialize_body.ts";
import { resolveHeadTraining } from "../lib/embedded/training_config.ts";
import type { HeadInitializeBody } from "../lib/protocol/mod.ts";
import { createExtractivePolicy, type ExtractivePolicy } from "../lib/embedded/mod.ts";
import { DEFAULT_TRAIN_CONFIG as D } from "../lib/grpo/train_config.ts";

const path = Deno.env.get("LOCOMO_PATH");

// Issue 7's "must show", in-process with the train CLI's loop and defaults (the same samples,
// step batches, rollout seeds, reward and trainer settings as `train --backend embedded
// --num-train 600 --num-val 100 --num-train-steps 100`); bench/policy_learning.ts prints the
// whole curve, and the train CLI (over HTTP) gives the same numbers.
Deno.test({
  name:
    "extractive policy trained by GRPO on LOCOMO doubles its answerable score and learns when to abstain",
  ignore: !path,
  fn: async () => {
    const dataset = await loadLocomo(path!);
    const splits = splitLocomo(dataset);
    using bank = createMemoryBank(dataset.conversations);
    const program = resolveProgram({ k: D.k });
    const prompts = new Map<string, ChatMessage[]>();
    const messages = (ex: SplitExample) => {
      let m = prompts.get(ex.id);
      if (!m) {
        m = render(program, bank.get(ex.sampleId), { question: ex.question }).messages
          .map((x) => ({ role: x.role as ChatMessage["role"], content: x.content }));
        prompts.set(ex.id, m);
      }
      return m;
    };
    const rewardConfig = resolveRewardConfig({
      kind: "f1",
      abstentionPenalty: D.abstentionPenalty,
    });
    const reward = (text: string, ex: SplitExample) => {
      const p = parseAnswer(text);
      return computeReward(
        {
          prediction: p.answer,
          answer: ex.answer,
          category: ex.category,
          formatFailure: p.formatFailure,
        },
        rewardConfig,
      ).reward;
    };
    // What the embedded server resolves from the train CLI's 2025.11 initialize body.
    const sent = headInitializeBody(trainerSettingsFor(resolveTrainConfig({ numTrainSteps: 100 })));
    const hp = resolveHeadTraining(sent as unknown as HeadInitializeBody, sent).hyperparams;
    const validate = (policy: ExtractivePolicy, val: readonly SplitExample[]) => {
      const rows = val.map((ex) => {
        const [text] = policy.generate({
          messages: messages(ex),
          temperature: 0,
          maxTokens: program.maxTokens,
          n: 1,
        });
        const p = parseAnswer(text);
        return { ex, f1: locomoF1(p.answer, ex.answer, ex.category), abstained: p.abstained };
      });
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      const answerable = rows.filter((r) => r.ex.category !== 5);
      const adversarial = rows.filter((r) => r.ex.category === 5);
      return {
        answerable: mean(answerable.map((r) => r.f1)),
        overall: mean(rows.map((r) => r.f1)),
        abstention: mean(answerable.map((r) => (r.abstained ? 1 : 0))),
        adversarialAbstention: mean(adversarial.map((r) => (r.abstained ? 1 : 0))),
      };
    };
    const category = (e: SplitExample) => e.category;
    const heldOut: ReturnType<typeof validate>[] = [];
    for (const seed of [42, 1, 7]) {
      const train = stratifiedSample(splits.train.examples, 600, { key: category, seed: seed });
      const val = stratifiedSample(splits.val.examples, 100, { key: category, seed: seed + 1 });
      const policy = createExtractivePolicy({ seed });
      const before = validate(policy, val);
      for (let step = 1; step <= 100; step++) {
        stepBatch(train, step, { k: D.examplesPerStep, key: category, seed }).forEach((ex, i) => {
          const completions = policy.generate({
            messages: messages(ex),
            temperature: D.temperature,
            maxTokens: program.maxTokens,
            n: D.numGenerations,
            seed: (seed * 7919 + step * 1009 + i * 101) % 2_147_483_647,
          });
          const group = completions.map((c) => ({
            messages: messages(ex),
            completion: { role: "assistant" as const, content: c },
            reward: reward(c, ex),
          }));
          assert.equal(policy.train(group, hp).skipped, 0, "own completions are in support");
        });
      }
      const after = validate(policy, val);
      const report = `seed ${seed}: ${JSON.stringify({ before, after })}`;
      assert.ok(after.answerable >= 2 * before.answerable, report);
      assert.ok(after.answerable >= before.answerable + 0.05, report);
      assert.ok(after.overall >= before.overall, report);
      assert.ok(after.abstention <= 0.3, report);
      heldOut.push(validate(policy, splits.val.examples));
    }
    // Issue 17: it learns when to abstain. On the whole validation split, the seeds together
    // abstain far more often on adversarial (category 5) than on answerable questions.
    const meanOf = (pick: (s: ReturnType<typeof validate>) => number) =>
      heldOut.reduce((a, s) => a + pick(s), 0) / heldOut.length;
    const report = JSON.stringify(heldOut);
    assert.ok(meanOf((s) => s.adversarialAbstention) >= 0.15, report);
    assert.ok(meanOf((s) => s.abstention) <= 0.12, report);
    assert.ok(
      meanOf((s) => s.adversarialAbstention) >= 3 * meanOf((s) => s.abstention),
      report,
    );
  },
});
