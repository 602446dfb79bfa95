/**
 * The GEPA-style loop (reflective prompt evolution, Agrawal et al. 2025): pick a parent from the
 * per-example Pareto front, run it on a reflection minibatch of training examples with traces,
 * let the reflection LM rewrite the instructions (or change one memory setting), keep the child
 * only when its minibatch score is strictly higher, then validate it into the pool.
 *
 * @module
 */

import { describeMemory, mutateMemory, selectParent } from "./candidate.ts";
import type { OptimizerRuntime } from "./optimize.ts";
import { propose, reflectionMessages } from "./reflection.ts";
import { meanOf } from "./score_batch.ts";

/** Which component an iteration changes: the instructions, or (every other one) the memory. */
function componentOf(iteration: number, searchMemory: boolean): "instructions" | "memory" {
  return searchMemory && iteration % 2 === 0 ? "memory" : "instructions";
}

/**
 * Runs GEPA iterations until the budget cannot fit another parent and child minibatch (a child
 * that wins its minibatch but cannot be validated ends the run).
 */
export async function runGepa(rt: OptimizerRuntime): Promise<void> {
  const { budget, rng, state } = rt;
  const size = Math.min(rt.options.minibatchSize, rt.train.length);
  const secrets = rt.options.secrets ?? [];
  while (budget.remaining >= 2 * size) {
    rt.options.signal?.throwIfAborted();
    const iteration = ++state.iteration;
    const parent = selectParent(state.pool, rng);
    const minibatch = rng.shuffle(rt.train).slice(0, size);
    budget.tryReserve(size);
    const parentTraces = await rt.score(parent.program, minibatch);
    const parentScores = parentTraces.map((t) => t.score);
    const component = componentOf(iteration, rt.options.searchMemory);
    const base = {
      type: "iteration",
      iteration,
      component,
      parent: parent.id,
      minibatch: minibatch.map((e) => e.id),
      parentScores,
    };
    if (parentScores.every((s) => s >= 1)) {
      await rt.record({ ...base, skipped: "perfect minibatch", accepted: false });
      await rt.checkpoint();
      continue;
    }
    let child = parent.program;
    let reflection: Record<string, unknown> = {};
    if (component === "memory") {
      child = mutateMemory(parent.program, rng);
      reflection = { memory: describeMemory(child) };
    } else {
      const proposal = await propose(
        rt.options.reflectionLm,
        reflectionMessages(parent.program.instructions, parentTraces),
        { secrets, ...(rt.options.signal ? { signal: rt.options.signal } : {}) },
      );
      rt.countProposal(proposal.instruction === null);
      reflection = { instruction: proposal.instruction, failure: proposal.failure };
      if (proposal.instruction === null) {
        await rt.record({ ...base, ...reflection, reply: proposal.reply, accepted: false });
        await rt.checkpoint();
        continue;
      }
      child = { ...parent.program, instructions: proposal.instruction };
    }
    budget.tryReserve(size);
    const childScores = (await rt.score(child, minibatch)).map((t) => t.score);
    const accepted = meanOf(childScores) > meanOf(parentScores);
    let candidate = null;
    if (accepted) {
      candidate = await rt.validate(child, {
        parent: parent.id,
        origin: component === "memory" ? "memory" : "reflection",
      });
    }
    await rt.record({
      ...base,
      ...reflection,
      childScores,
      accepted,
      candidate: candidate?.id ?? null,
      valScore: candidate?.valScore ?? null,
      ...(accepted && candidate === null ? { note: "no budget left to validate it" } : {}),
    });
    await rt.checkpoint();
    if (accepted && candidate === null) break;
  }
}
