/**
 * `deno task bench [name…]`: runs the benchmark scripts in `bench/` one after another and lets
 * each print its figures. Sets `LOCOMO_PATH=../shared/data/locomo10.json` when that file exists
 * and the variable is unset.
 *
 * @module
 */

import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const env: Record<string, string> = { RUST_BACKTRACE: "0", NO_COLOR: "1" };
if (!Deno.env.get("LOCOMO_PATH")) {
  try {
    const shared = join(root, "..", "shared", "data", "locomo10.json");
    if ((await Deno.stat(shared)).isFile) env.LOCOMO_PATH = shared;
  } catch { /* benchmarks that need LOCOMO say so */ }
}
const wanted = new Set(Deno.args);
const scripts = [...Deno.readDirSync(join(root, "bench"))]
  .filter((e) => e.isFile && e.name.endsWith(".ts"))
  .map((e) => e.name)
  .filter((name) => wanted.size === 0 || wanted.has(basename(name, ".ts")))
  .sort();
let failed = 0;
for (const name of scripts) {
  console.log(`\n=== bench/${name}`);
  const t0 = performance.now();
  const { code } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join("bench", name)],
    cwd: root,
    env,
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  console.log(`(${((performance.now() - t0) / 1000).toFixed(1)} s${code === 0 ? "" : ", FAILED"})`);
  if (code !== 0) failed++;
}
Deno.exit(failed === 0 ? 0 : 1);
