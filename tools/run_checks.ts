/**
 * `deno task test`: every check CI runs, in order — format, lint, type check, doc lint, tests
 * (and the notebooks when Jupyter is installed). Sets `LOCOMO_PATH=../shared/data/locomo10.json`
 * when that file exists and the variable is unset, so data tests run on the project's machines.
 *
 * @module
 */

import { resolve } from "node:path";

interface Step {
  name: string;
  cmd: string[];
}

const env: Record<string, string> = { RUST_BACKTRACE: "0", NO_COLOR: "1" };
// Absolute, so tests that run commands in other folders find it too.
const shared = resolve("../shared/data/locomo10.json");
if (!Deno.env.get("LOCOMO_PATH")) {
  try {
    if ((await Deno.stat(shared)).isFile) env.LOCOMO_PATH = shared;
  } catch { /* no local copy: data tests are skipped */ }
}

const steps: Step[] = [
  { name: "fmt", cmd: ["fmt", "--check"] },
  { name: "lint", cmd: ["lint"] },
  { name: "check", cmd: ["check", "."] },
  { name: "doc", cmd: ["doc", "--lint", "mod.ts"] },
  { name: "test", cmd: ["test", "-A", "--doc", "--parallel"] },
];

console.log(
  `LOCOMO_PATH=${env.LOCOMO_PATH ?? Deno.env.get("LOCOMO_PATH") ?? "(unset: data tests skipped)"}`,
);
let failed = 0;
const timings: string[] = [];
for (const step of steps) {
  console.log(`\n=== deno ${step.cmd.join(" ")}`);
  const t0 = performance.now();
  const { code } = await new Deno.Command(Deno.execPath(), {
    args: step.cmd,
    env,
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  timings.push(`${step.name} ${secs}s${code === 0 ? "" : " FAILED"}`);
  if (code !== 0) failed++;
}
console.log(`\n${timings.join(" | ")}`);
console.log(`${steps.length - failed} passed, ${failed} failed`);
Deno.exit(failed === 0 ? 0 : 1);
