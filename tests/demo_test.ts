import assert from "node:assert/strict";
import { join, resolve } from "node:path";

const locomo = Deno.env.get("LOCOMO_PATH");
const root = new URL("..", import.meta.url).pathname;

Deno.test({
  name: "demo main() trains the embedded policy and prints a before/after table by category",
  ignore: !locomo,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "-A",
          join(root, "lib/cli/demo.ts"),
          "--data-dir",
          join(dir, "data"),
          "--out",
          join(dir, "out"),
          "--steps",
          "4",
          "--num-test",
          "40",
        ],
        env: { LOCOMO_PATH: resolve(locomo!), NO_COLOR: "1" },
        cwd: dir,
      }).output();
      const out = new TextDecoder().decode(stdout);
      assert.equal(code, 0, new TextDecoder().decode(stderr));
      assert.match(out, /untrained\s+\d/);
      assert.match(out, /grpo\s+\d/);
      assert.match(out, /multi-hop\s+temporal\s+open-domain\s+single-hop\s+adversarial/);
      // Categories 1–4 next to "all", a signed trained − untrained difference, per-phase times.
      assert.match(out, /F1 \(all\)\s+95 % CI\s+F1 \(1–4\)/);
      assert.match(
        out,
        /grpo − untrained: [+−]\d\.\d{3} F1 overall \(paired 95 % CI [+−]\d\.\d{3} … [+−]\d\.\d{3}\), [+−]\d\.\d{3} on categories 1–4 \([+−]\d\.\d{3} … [+−]\d\.\d{3}\)/,
      );
      assert.doesNotMatch(out, /untrained − grpo/);
      assert.match(out, /categories 1–4 \d\.\d{3} \(\d+\.\d s\)/);
      for (const file of ["report.md", "predictions.jsonl", "summary.json", "chart.svg"]) {
        assert.ok((await Deno.stat(join(dir, "out", file))).size > 0, file);
      }
      const rows = (await Deno.readTextFile(join(dir, "out", "predictions.jsonl"))).trim().split(
        "\n",
      );
      assert.equal(rows.length, 80, "40 questions × 2 systems");
      assert.ok((await Deno.stat(join(dir, "out", "run", "metrics.jsonl"))).size > 0);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
