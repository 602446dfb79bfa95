import assert from "node:assert/strict";
import { join } from "node:path";
import { MALFORMED_VARIANTS } from "./fixtures/malformed/variants.ts";
import { listDir, runSplitCli } from "./fixtures/malformed/run_split_cli.ts";

for (const variant of MALFORMED_VARIANTS) {
  Deno.test(`split CLI exits 1 on ${variant.name}, says where, and writes nothing`, async () => {
    const dir = await Deno.makeTempDir({ prefix: "memgrpo_split_bad_" });
    try {
      const input = join(dir, "broken_locomo.json");
      await Deno.writeFile(input, variant.bytes);
      const out = join(dir, "out");
      await Deno.mkdir(out);
      const result = await runSplitCli(["--input", input, "--output-dir", out], { cwd: dir });
      assert.equal(result.code, 1, result.stderr);
      assert.equal(result.stdout, "");
      const lines = result.stderr.trimEnd().split("\n");
      assert.equal(lines.length, 1, `one line on stderr, got:\n${result.stderr}`);
      const line = lines[0]!;
      assert.match(line, /^error: Invalid LOCOMO file /);
      assert.ok(line.includes(input), line);
      if (variant.path) assert.ok(line.includes(`at ${variant.path}`), line);
      if (variant.sampleId) assert.ok(line.includes(`(sample ${variant.sampleId})`), line);
      if (variant.position) {
        const { line: l, column } = variant.position;
        assert.ok(line.includes(`line ${l}, column ${column}`), line);
      }
      assert.doesNotMatch(result.stderr, /^\s+at /m, "no stack trace");
      assert.deepEqual(await listDir(out), [], "nothing written, no temporary files");
      assert.deepEqual(await listDir(dir), ["broken_locomo.json", "out"]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}
