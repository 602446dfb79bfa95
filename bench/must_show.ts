/**
 * Issue 17's "must show" through the real CLIs: for each seed, in a fresh temporary folder,
 * `deno task train --backend embedded --num-train-steps N --seed S` and then
 * `deno task evaluate --program grpo_optimized_memory_qa.json` on the test split (all questions).
 * Reads `predictions.jsonl` and prints per seed: categories 1–4 F1 of the untrained policy (the
 * `memory` system) and of the trained program, gain and ratio (pass: ≥ 2× and ≥ +0.05), category
 * 5 F1, abstention on answerable and on adversarial questions, the most frequent answer's share
 * per system, the categories 1–4 order oracle-evidence ≥ memory ≥ no-memory, and training time.
 * With `--trained-systems`, the first seed's evaluation is repeated with
 * `--policy-checkpoint` (every system answered by the trained policy) for issue 14's order.
 *
 * Run: `LOCOMO_PATH=/work/shared/data/locomo10.json deno run -A bench/must_show.ts
 * [--seeds 1,…,10] [--steps 100] [--trained-systems] [--keep]`
 *
 * @module
 */

import { parseArgs } from "node:util";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isAbstention } from "../lib/text/answer_text.ts";

const { values: flags } = parseArgs({
  options: {
    seeds: { type: "string", default: "1,2,3,4,5,6,7,8,9,10" },
    steps: { type: "string", default: "100" },
    "trained-systems": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const locomo = Deno.env.get("LOCOMO_PATH");
if (!locomo) throw new Error("Set LOCOMO_PATH to locomo10.json");

async function cli(script: string, args: string[], cwd: string): Promise<number> {
  const t0 = performance.now();
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-RWNE", "--config", join(root, "deno.json"), join(root, script), ...args],
    cwd,
    env: { LOCOMO_PATH: resolve(locomo!), NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (out.code !== 0) {
    throw new Error(
      `${script} ${args.join(" ")} exited ${out.code}:\n` +
        new TextDecoder().decode(out.stderr).slice(-2000),
    );
  }
  return (performance.now() - t0) / 1000;
}

interface Row {
  system: string;
  category: number;
  prediction: string;
  f1: number;
}
interface SystemScore {
  answerable: number;
  adversarial: number;
  abstainAnswerable: number;
  abstainAdversarial: number;
  topAnswer: number;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
async function scores(file: string): Promise<Map<string, SystemScore>> {
  const rows: Row[] = (await Deno.readTextFile(file)).trim().split("\n").map((l) => JSON.parse(l));
  const out = new Map<string, SystemScore>();
  for (const system of new Set(rows.map((r) => r.system))) {
    const rs = rows.filter((r) => r.system === system);
    const ans = rs.filter((r) => r.category !== 5);
    const adv = rs.filter((r) => r.category === 5);
    const counts = new Map<string, number>();
    for (const r of rs) counts.set(r.prediction, (counts.get(r.prediction) ?? 0) + 1);
    const abst = (r: Row) => (isAbstention(r.prediction) ? 1 : 0);
    out.set(system, {
      answerable: mean(ans.map((r) => r.f1)),
      adversarial: mean(adv.map((r) => r.f1)),
      abstainAnswerable: mean(ans.map(abst)),
      abstainAdversarial: mean(adv.map(abst)),
      topAnswer: Math.max(...counts.values()) / rs.length,
    });
  }
  return out;
}

const f = (x: number) => x.toFixed(3);
const pct = (x: number) => `${(100 * x).toFixed(1).padStart(5)}%`;
const order = (s: Map<string, SystemScore>) => {
  const a = (name: string) => s.get(name)?.answerable ?? NaN;
  return `${f(a("oracle-evidence"))} ≥ ${f(a("memory"))} ≥ ${f(a("no-memory"))} ${
    a("oracle-evidence") >= a("memory") && a("memory") >= a("no-memory") ? "ok" : "NOT ORDERED"
  }`;
};

console.log(
  "seed  untrained → trained  gain    ratio  pass  c5     abst ans  abst adv  top(max)  " +
    "train s  order (untrained c1–4: oracle ≥ memory ≥ no-memory)",
);
const results: { gain: number; pass: boolean; trained: SystemScore; seconds: number }[] = [];
for (const seed of flags.seeds.split(",").map(Number)) {
  const dir = await Deno.makeTempDir({ prefix: `must_show_${seed}_` });
  const seconds = await cli("lib/cli/train.ts", [
    "--backend",
    "embedded",
    "--num-train-steps",
    flags.steps,
    "--seed",
    String(seed),
  ], dir);
  await cli("lib/cli/evaluate.ts", [
    "--program",
    "grpo_optimized_memory_qa.json",
    "--out-dir",
    "ev",
  ], dir);
  const s = await scores(join(dir, "ev", "predictions.jsonl"));
  const programName = [...s.keys()].find((k) => k.includes("grpo_optimized_memory_qa"))!;
  const before = s.get("memory")!;
  const after = s.get(programName)!;
  const gain = after.answerable - before.answerable;
  const pass = after.answerable >= 2 * before.answerable && gain >= 0.05;
  results.push({ gain, pass, trained: after, seconds });
  console.log(
    `${String(seed).padStart(4)}  ${f(before.answerable)} → ${f(after.answerable)}      ${
      gain >= 0 ? "+" : ""
    }${f(gain)}  ${(after.answerable / before.answerable).toFixed(2).padStart(5)}×  ${
      pass ? "PASS" : "FAIL"
    }  ${f(after.adversarial)}  ${pct(after.abstainAnswerable)}   ${
      pct(after.abstainAdversarial)
    }    ${pct(Math.max(...[...s.values()].map((x) => x.topAnswer)))}  ${
      seconds.toFixed(1).padStart(6)
    }  ${order(s)}`,
  );
  if (flags["trained-systems"] && results.length === 1) {
    const program = JSON.parse(
      await Deno.readTextFile(join(dir, "grpo_optimized_memory_qa.json")),
    );
    await cli("lib/cli/evaluate.ts", [
      "--policy-checkpoint",
      join(dir, program.provenance.checkpoint),
      "--out-dir",
      "ev_trained",
    ], dir);
    const t = await scores(join(dir, "ev_trained", "predictions.jsonl"));
    console.log(
      `      every system answered by seed ${seed}'s trained policy: c1–4 ${order(t)}; ` +
        [...t].map(([k, v]) =>
          `${k} c1–4 ${f(v.answerable)} c5 ${f(v.adversarial)} top ${pct(v.topAnswer)}`
        ).join("; "),
    );
  }
  if (!flags.keep) await Deno.remove(dir, { recursive: true });
}
console.log(
  `mean gain ${f(mean(results.map((r) => r.gain)))}, seeds passing ${
    results.filter((r) => r.pass).length
  }/${results.length}, c5 ${f(mean(results.map((r) => r.trained.adversarial)))}, abstention ` +
    `answerable ${pct(mean(results.map((r) => r.trained.abstainAnswerable)))} (max ${
      pct(Math.max(...results.map((r) => r.trained.abstainAnswerable)))
    }), adversarial ${pct(mean(results.map((r) => r.trained.abstainAdversarial)))}, train ${
      mean(results.map((r) => r.seconds)).toFixed(1)
    } s per run of ${flags.steps} steps (process start, validation and checkpoints included)`,
);
