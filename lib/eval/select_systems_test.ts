import assert from "node:assert/strict";
import { join } from "node:path";
import { resolveProgram } from "../program/program_config.ts";
import { saveProgram } from "../program/saved_program.ts";
import { parseSystemList, selectSystems } from "./select_systems.ts";

Deno.test("parseSystemList() names the unknown system and the choices", () => {
  assert.deepEqual(parseSystemList("memory, no-memory,memory"), ["memory", "no-memory"]);
  assert.throws(() => parseSystemList("memory,rag"), /unknown system "rag"; choose from/);
});

Deno.test("selectSystems() adds saved programs after the baselines under unique names", async () => {
  const dir = await Deno.makeTempDir({ prefix: "memgrpo_systems_" });
  try {
    const file = join(dir, "trained.json");
    await saveProgram(file, resolveProgram({ name: "memory", k: 5 }));
    const systems = await selectSystems(["memory", "no-memory"], [file]);
    assert.deepEqual(systems.map((s) => s.name), ["no-memory", "memory", "memory (trained.json)"]);
    assert.equal(systems[2]!.program.k, 5);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
