/**
 * Prints the wall time of `deno task demo` (offline: needs `LOCOMO_PATH` or `data/locomo10.json`)
 * run in a temporary folder, end to end as a user runs it (a fresh `deno` process).
 *
 * Run: `LOCOMO_PATH=../shared/data/locomo10.json deno run -A bench/demo.ts`
 *
 * @module
 */

import { join, resolve } from "node:path";

const root = resolve(new URL("..", import.meta.url).pathname);
const locomo = Deno.env.get("LOCOMO_PATH") ?? join(root, "data", "locomo10.json");
try {
  await Deno.stat(locomo);
} catch {
  console.log(`skipped: no LOCOMO at ${locomo} (set LOCOMO_PATH)`);
  Deno.exit(0);
}
const dir = await Deno.makeTempDir();
try {
  const t0 = performance.now();
  const { code, stdout } = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-RWNE",
      join(root, "lib/cli/demo.ts"),
      "--data-dir",
      join(dir, "data"),
      "--out",
      join(dir, "out"),
    ],
    env: { LOCOMO_PATH: resolve(locomo), NO_COLOR: "1" },
    cwd: dir,
    stdout: "piped",
    stderr: "inherit",
  }).output();
  const seconds = (performance.now() - t0) / 1000;
  const text = new TextDecoder().decode(stdout);
  const table = text.split("\n").filter((l) => /^(system|untrained|grpo)\s/.test(l));
  console.log(table.join("\n"));
  console.log(
    `demo wall time: ${seconds.toFixed(1)} s (exit code ${code}; goal < 60 s, never > 90 s)`,
  );
  if (code !== 0) Deno.exit(code);
} finally {
  await Deno.remove(dir, { recursive: true });
}
