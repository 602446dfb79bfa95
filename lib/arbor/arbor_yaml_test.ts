import assert from "node:assert/strict";
import { join } from "node:path";
import {
  arborYamlConfig,
  ensureArborYaml,
  formatArborYaml,
  parseArborYaml,
  readArborYaml,
  writeArborYaml,
} from "./arbor_yaml.ts";

Deno.test("arborYamlConfig() rejects overlapping inference and training GPUs", () => {
  assert.throws(() => arborYamlConfig("0,1", "1,2"), /overlap on GPU 1/);
});

Deno.test("formatArborYaml() output parses back to the same layout with string gpu_ids", () => {
  const config = arborYamlConfig("0", "1,2");
  const text = formatArborYaml(config);
  assert.match(text, /inference:\n\s+gpu_ids: '0'/);
  assert.match(text, /training:\n\s+gpu_ids: '1,2'/);
  assert.deepEqual(parseArborYaml(text, "arbor.yaml"), config);
});

Deno.test("parseArborYaml() names the missing key and rejects bad YAML", () => {
  assert.throws(
    () => parseArborYaml("inference:\n  gpu_ids: '0'\n", "a.yaml"),
    /a.yaml: missing "training.gpu_ids"/,
  );
  assert.throws(() => parseArborYaml("inference: [", "a.yaml"), SyntaxError);
  assert.throws(
    () => parseArborYaml("inference: {gpu_ids: '0'}\ntraining: {gpu_ids: '0'}\n", "a.yaml"),
    /overlap/,
  );
});

Deno.test("ensureArborYaml() writes a missing file and leaves an existing one alone", async () => {
  const dir = await Deno.makeTempDir({ prefix: "memgrpo_arbor_yaml_" });
  try {
    const path = join(dir, "arbor.yaml");
    const first = await ensureArborYaml(path, arborYamlConfig("0", "1,2"));
    assert.equal(first.written, true);
    assert.deepEqual(await readArborYaml(path), arborYamlConfig("0", "1,2"));

    const second = await ensureArborYaml(path, arborYamlConfig("3", "4"));
    assert.equal(second.written, false);
    assert.equal(second.matchesRequested, false);
    assert.deepEqual(second.config, arborYamlConfig("0", "1,2"));
    assert.deepEqual(await readArborYaml(path), arborYamlConfig("0", "1,2"));

    await writeArborYaml(path, arborYamlConfig("3", "4"));
    const names: string[] = [];
    for await (const entry of Deno.readDir(dir)) names.push(entry.name);
    assert.deepEqual(names, ["arbor.yaml"], "no temporary file is left behind");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
