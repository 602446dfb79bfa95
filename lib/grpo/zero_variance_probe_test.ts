import assert from "node:assert/strict";
import { resolveRewardConfig } from "../metrics/mod.ts";
import { createFakeLm } from "./fake_lm_test_utils.ts";
import { loopFixture } from "./loop_test_utils.ts";
import { zeroVarianceProbe } from "./zero_variance_probe.ts";

const ABSTAIN = "Not mentioned in the conversation";

Deno.test("zeroVarianceProbe() counts flat groups per temperature and reward setting, on the same rollouts", async () => {
  using fixture = loopFixture();
  // Cold: every rollout abstains (all groups flat). Hot: half abstain, half answer "purple".
  const fake = createFakeLm((call) =>
    Array.from(
      { length: call.options.n ?? 1 },
      (_, i) => (call.options.temperature ?? 0) < 0.5 || i % 2 === 0 ? ABSTAIN : "purple",
    )
  );
  const rows = await zeroVarianceProbe(fixture.program, fixture.train, {
    lm: fake.lmFor("policy"),
    memories: fixture.memories,
    numGenerations: 4,
    temperatures: [0.1, 1],
    rewards: {
      guard: resolveRewardConfig({ abstentionPenalty: 0.4 }),
      "no guard": resolveRewardConfig({ abstentionPenalty: 0 }),
    },
  });
  const answerable = fixture.train.filter((e) => e.category !== 5).length;
  const n = fixture.train.length;
  assert.deepEqual(rows.map((r) => [r.temperature, r.reward, r.groups, r.zeroVariance]), [
    [0.1, "guard", n, n],
    [0.1, "no guard", n, n],
    [1, "guard", n, 0], // −0.4 for abstaining, 0 for a wrong answer; 1 and 0 on category 5
    [1, "no guard", n, answerable], // 0 and 0 on answerable questions: no signal
  ]);
  assert.equal(rows[3]!.share, answerable / n);
  // One sampling per temperature: both settings reward the same rollouts.
  assert.equal(fake.calls.length, 2 * n);
  await assert.rejects(
    () =>
      zeroVarianceProbe(fixture.program, fixture.train, {
        lm: fake.lmFor("policy"),
        memories: fixture.memories,
        numGenerations: 4,
        temperatures: [],
        rewards: {},
      }),
    RangeError,
  );
});
