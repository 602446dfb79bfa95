import assert from "node:assert/strict";
import { join } from "node:path";
import { loadLocomo, splitLocomo } from "../mod.ts";
import { serializeSplit, SPLIT_NAMES } from "../lib/data/mod.ts";
import { listDir, runSplitCli } from "./fixtures/malformed/run_split_cli.ts";

const LOCOMO_PATH = Deno.env.get("LOCOMO_PATH");

Deno.test({
  name: "split CLI writes byte-identical files on reruns, equal to serializeSplit()",
  ignore: !LOCOMO_PATH,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "memgrpo_split_locomo_" });
    try {
      const env = { LOCOMO_PATH: LOCOMO_PATH! };
      const first = await runSplitCli(["--output-dir", join(dir, "a"), "--verify"], { env });
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /all 1986 questions in exactly one split/);
      assert.match(first.stdout, /1 multi-hop.*2 temporal.*3 open-domain.*4 single-hop/);
      const second = await runSplitCli(["--output-dir", join(dir, "b")], { env });
      assert.equal(second.code, 0, second.stderr);
      const expected = splitLocomo(await loadLocomo(LOCOMO_PATH!));
      for (const name of SPLIT_NAMES) {
        const a = await Deno.readFile(join(dir, "a", `locomo_${name}.json`));
        const b = await Deno.readFile(join(dir, "b", `locomo_${name}.json`));
        assert.deepEqual(a, b, name);
        assert.equal(new TextDecoder().decode(a), serializeSplit(expected[name]));
      }
      assert.deepEqual(await listDir(join(dir, "a")), [
        "locomo_test.json",
        "locomo_train.json",
        "locomo_val.json",
      ]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
