/**
 * The MIPROv2-style search: few-shot demo sets bootstrapped from training traces that pass the
 * metric, instruction candidates from the proposer LM (a dataset summary, a demo set and a tip
 * each), and memory configurations, combined in minibatch trials on the validation set with a
 * full validation of the best combination every few trials. The next combination is a random
 * one or a neighbour of the best so far (one component changed), a simple stand-in for DSPy's
 * TPE surrogate.
 *
 * @module
 */

import type { FewShotDemo, Program } from "../program/mod.ts";
import { type MemoryConfig, memoryConfigOf, mutateMemory } from "./candidate.ts";
import type { OptimizerRuntime } from "./optimize.ts";
import { datasetSummary, PROPOSAL_TIPS, propose, proposerMessages } from "./reflection.ts";
import { meanOf } from "./score_batch.ts";

/** A combination: indices into the instructions, demo sets and memory configurations. */
type Combo = [number, number, number];

interface MiproExtra {
  setup?: boolean;
  instructions: string[];
  demoSets: FewShotDemo[][];
  memoryConfigs: MemoryConfig[];
  trials: { combo: Combo; score: number }[];
  validated: Record<string, number>;
}

/** Minibatch size of a trial (DSPy's default). */
const TRIAL_MINIBATCH = 35;
/** A full validation every this many trials. */
const FULL_EVAL_STEPS = 5;
/** Demos per demo set. */
const MAX_DEMOS = 3;
/** The score a bootstrapped trace must reach to become a demo. */
const PASS_SCORE = 0.5;

async function setup(rt: OptimizerRuntime, extra: MiproExtra): Promise<void> {
  const seed = rt.state.pool[0]!.program;
  const n = rt.options.numCandidates;
  const reserve = rt.val.length + Math.min(TRIAL_MINIBATCH, rt.val.length);
  const bootN = Math.max(0, Math.min(rt.train.length, n * 5, rt.budget.remaining - reserve));
  let passing: FewShotDemo[] = [];
  if (bootN > 0 && rt.budget.tryReserve(bootN)) {
    const traces = await rt.score(seed, rt.rng.shuffle(rt.train).slice(0, bootN));
    passing = traces.filter((t) => t.score >= PASS_SCORE && t.category !== 5 && t.answer !== "")
      .map((t) => ({ question: t.question, answer: t.answer }));
  }
  extra.demoSets = [seed.demos];
  for (let i = 1; i < n && passing.length > 0; i++) {
    extra.demoSets.push(rt.rng.shuffle(passing).slice(0, MAX_DEMOS));
  }
  await rt.record({
    type: "bootstrap",
    traces: bootN,
    passing: passing.length,
    demoSets: extra.demoSets.length,
  });
  const summary = datasetSummary(rt.rng.shuffle(rt.train));
  extra.instructions = [seed.instructions];
  for (let i = 1; i < n; i++) {
    const demos = extra.demoSets[i % extra.demoSets.length]!;
    const tip = PROPOSAL_TIPS[(i - 1) % PROPOSAL_TIPS.length]!;
    const proposal = await propose(
      rt.options.reflectionLm,
      proposerMessages(summary, { instructions: seed.instructions, demos, tip }),
      {
        secrets: rt.options.secrets ?? [],
        ...(rt.options.signal ? { signal: rt.options.signal } : {}),
      },
    );
    rt.countProposal(proposal.instruction === null);
    const fresh = proposal.instruction !== null &&
      !extra.instructions.includes(proposal.instruction);
    if (fresh) extra.instructions.push(proposal.instruction!);
    await rt.record({
      type: "proposal",
      tip,
      instruction: proposal.instruction,
      failure: proposal.failure,
      ...(proposal.instruction === null ? { reply: proposal.reply } : {}),
    });
  }
  extra.memoryConfigs = [memoryConfigOf(seed)];
  const keys = new Set([JSON.stringify(extra.memoryConfigs[0])]);
  for (
    let tries = 0;
    rt.options.searchMemory && extra.memoryConfigs.length < n && tries < 50;
    tries++
  ) {
    const config = memoryConfigOf(mutateMemory(seed, rt.rng));
    if (keys.has(JSON.stringify(config))) continue;
    keys.add(JSON.stringify(config));
    extra.memoryConfigs.push(config);
  }
  extra.setup = true;
}

function programOf(seed: Program, extra: MiproExtra, combo: Combo): Program {
  return {
    ...seed,
    instructions: extra.instructions[combo[0]]!,
    demos: extra.demoSets[combo[1]]!,
    ...extra.memoryConfigs[combo[2]]!,
  };
}

function meanByCombo(extra: MiproExtra): Map<string, number> {
  const scores = new Map<string, number[]>();
  for (const t of extra.trials) {
    const key = t.combo.join(",");
    scores.set(key, [...(scores.get(key) ?? []), t.score]);
  }
  return new Map([...scores].map(([k, v]) => [k, meanOf(v)]));
}

function bestCombo(extra: MiproExtra): Combo {
  let best: [string, number] = ["0,0,0", -Infinity];
  for (const entry of meanByCombo(extra)) if (entry[1] > best[1]) best = entry;
  return best[0].split(",").map(Number) as Combo;
}

function nextCombo(rt: OptimizerRuntime, extra: MiproExtra): Combo {
  const sizes = [extra.instructions.length, extra.demoSets.length, extra.memoryConfigs.length];
  if (extra.trials.length === 0) return [0, 0, 0];
  if (rt.rng.float() < 0.3) return sizes.map((s) => rt.rng.int(s)) as Combo;
  const combo = [...bestCombo(extra)] as Combo;
  const free = [0, 1, 2].filter((i) => sizes[i]! > 1);
  if (free.length === 0) return combo;
  const axis = free[rt.rng.int(free.length)]!;
  combo[axis] = (combo[axis]! + 1 + rt.rng.int(sizes[axis]! - 1)) % sizes[axis]!;
  return combo;
}

async function validateBest(rt: OptimizerRuntime, extra: MiproExtra): Promise<void> {
  const combo = bestCombo(extra);
  const key = combo.join(",");
  if (extra.validated[key] !== undefined) return;
  const program = programOf(rt.state.pool[0]!.program, extra, combo);
  const candidate = await rt.validate(program, { parent: null, origin: "mipro" });
  if (candidate === null) return;
  extra.validated[key] = candidate.id;
  await rt.record({
    type: "full-eval",
    combo,
    candidate: candidate.id,
    valScore: candidate.valScore,
  });
}

/**
 * Runs the setup (once; a resumed run keeps it), then trials while a minibatch and one final
 * validation still fit the budget, then validates the best combination.
 */
export async function runMipro(rt: OptimizerRuntime): Promise<void> {
  const extra = rt.state.extra as unknown as MiproExtra;
  extra.trials ??= [];
  extra.validated ??= { "0,0,0": 0 }; // the seed combination is candidate 0
  if (!extra.setup) {
    await setup(rt, extra);
    await rt.checkpoint();
  }
  const seed = rt.state.pool[0]!.program;
  const size = Math.min(TRIAL_MINIBATCH, rt.val.length);
  while (rt.budget.remaining >= size + rt.val.length) {
    rt.options.signal?.throwIfAborted();
    const trial = ++rt.state.iteration;
    const combo = nextCombo(rt, extra);
    rt.budget.tryReserve(size);
    const minibatch = rt.rng.shuffle(rt.val).slice(0, size);
    const score = meanOf(
      (await rt.score(programOf(seed, extra, combo), minibatch)).map((t) => t.score),
    );
    extra.trials.push({ combo, score });
    await rt.record({ type: "trial", trial, combo, minibatch: minibatch.length, score });
    if (trial % FULL_EVAL_STEPS === 0) await validateBest(rt, extra);
    await rt.checkpoint();
  }
  if (extra.trials.length > 0) await validateBest(rt, extra);
  await rt.checkpoint();
}
