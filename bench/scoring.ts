/**
 * Scoring throughput of locomoF1 next to the official Python scorer on the same inputs.
 *
 * Inputs: the generated cases of tests/fixtures/f1_vectors.json (pathologically long ones left
 * out) and, when LOCOMO_PATH names locomo10.json, every gold under seven perturbations.
 * The Python side runs the official `eval_question_answering` (snap-research/locomo
 * task_eval/evaluation.py, commit 9228632) with Debian's /usr/bin/python3 and NLTK; it needs that
 * file at $LOCOMO_EVALUATION_PY (default /tmp/locomo_evaluation.py) and is skipped with a
 * message otherwise. Only the scoring call is timed on both sides.
 *
 * Run: deno run -A bench/scoring.ts
 *
 * @module
 */

import { loadLocomo, locomoF1 } from "../mod.ts";
// Python's str() of the gold answers, as the official scorer sees them (lib/text internal).
import { pyStr } from "../lib/text/mod.ts";

type Item = [prediction: string, answer: string | number | null, category: number];

const PYTHON = "/usr/bin/python3";
const OFFICIAL = Deno.env.get("LOCOMO_EVALUATION_PY") ?? "/tmp/locomo_evaluation.py";

const PY_DRIVER = `
import importlib.util, json, sys, time, types
sys.modules.setdefault("bert_score", types.SimpleNamespace(score=None))
spec = importlib.util.spec_from_file_location("official", sys.argv[1])
official = importlib.util.module_from_spec(spec)
spec.loader.exec_module(official)
path = sys.argv[2]
import io, contextlib
start = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()):
    scores, _, _ = official.eval_question_answering(path, "prediction")
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "sum": float(sum(scores))}))
`;

function perturbations(gold: string): string[] {
  const words = gold.split(" ");
  return [
    gold,
    words.slice(1).join(" "),
    [...words].reverse().join(" "),
    words[words.length - 1] as string,
    `I think it was ${gold}, probably.`,
    words.filter((_, i) => i % 2 === 0).join(" "),
    "Not mentioned in the conversation.",
  ];
}

async function inputSets(): Promise<Record<string, Item[]>> {
  const vectors: { cases: [string, string | number | null, number, number][] } = JSON.parse(
    await Deno.readTextFile(new URL("../tests/fixtures/f1_vectors.json", import.meta.url)),
  );
  const sets: Record<string, Item[]> = {
    "generated cases": vectors.cases
      .filter(([p, a]) => p.length + String(a).length < 2000)
      .map(([p, a, c]) => [p, a, c]),
  };
  const locomoPath = Deno.env.get("LOCOMO_PATH");
  if (locomoPath) {
    const dataset = await loadLocomo(locomoPath);
    const items: Item[] = [];
    for (const q of dataset.questions) {
      for (const p of perturbations(pyStr(q.answer ?? ""))) items.push([p, q.answer, q.category]);
    }
    sets["LOCOMO golds × 7 perturbations"] = items;
  }
  return sets;
}

function timeDeno(items: Item[]): { perSecond: number; sum: number } {
  let sum = 0;
  for (const [p, a, c] of items) sum += locomoF1(p, a, c); // warm-up
  const rounds = 5;
  const start = performance.now();
  for (let r = 0; r < rounds; r++) {
    sum = 0;
    for (const [p, a, c] of items) sum += locomoF1(p, a, c);
  }
  const seconds = (performance.now() - start) / 1000;
  return { perSecond: (items.length * rounds) / seconds, sum };
}

async function timePython(items: Item[]): Promise<{ perSecond: number; sum: number } | string> {
  try {
    await Deno.stat(PYTHON);
  } catch {
    return `skipped: ${PYTHON} not found`;
  }
  try {
    await Deno.stat(OFFICIAL);
  } catch {
    return `skipped: official evaluation.py not found at ${OFFICIAL} (set LOCOMO_EVALUATION_PY)`;
  }
  const qa = items.map(([p, a, c]) => ({ prediction: p, answer: a ?? "", category: c }));
  const file = await Deno.makeTempFile({ suffix: ".json" });
  try {
    await Deno.writeTextFile(file, JSON.stringify({ qa }));
    const out = await new Deno.Command(PYTHON, { args: ["-c", PY_DRIVER, OFFICIAL, file] })
      .output();
    if (!out.success) {
      const err = new TextDecoder().decode(out.stderr).trim().split("\n").slice(-1)[0];
      return `skipped: Python failed (${err}); install python3-nltk python3-regex python3-numpy`;
    }
    const result = JSON.parse(new TextDecoder().decode(out.stdout));
    return { perSecond: items.length / result.seconds, sum: result.sum };
  } finally {
    await Deno.remove(file);
  }
}

for (const [name, items] of Object.entries(await inputSets())) {
  const deno = timeDeno(items);
  console.log(`${name}: ${items.length} items`);
  console.log(
    `  locomoF1 (Deno):        ${Math.round(deno.perSecond).toLocaleString("en")} scores/s`,
  );
  const python = await timePython(items);
  if (typeof python === "string") {
    console.log(`  official scorer (Python): ${python}`);
    continue;
  }
  console.log(
    `  official scorer (Python): ${Math.round(python.perSecond).toLocaleString("en")} scores/s`,
  );
  console.log(`  ratio: ${(deno.perSecond / python.perSecond).toFixed(1)}× faster`);
  console.log(
    `  score sums agree: ${Math.abs(deno.sum - python.sum) < 1e-6} (${deno.sum.toFixed(6)})`,
  );
}
