import assert from "node:assert/strict";
import { resolveProgram } from "./program_config.ts";
import { loadProgram, ProgramFileError, saveProgram } from "./saved_program.ts";

Deno.test("saveProgram() and loadProgram() round-trip a program with provenance", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/p.json`;
  const program = resolveProgram({ k: 7, demos: [{ question: "Q?", answer: "A" }] });
  await saveProgram(path, program, {
    provenance: { model: "Qwen/Qwen2.5-3B", backend: "arbor", run: "runs/x" },
    now: () => new Date("2026-01-01T00:00:00Z"),
  });
  const loaded = await loadProgram(path);
  assert.deepEqual(loaded.program, program);
  assert.deepEqual(loaded.provenance.model, "Qwen/Qwen2.5-3B");
  assert.deepEqual(loaded.provenance.run, "runs/x");
  assert.deepEqual(loaded.savedAt, "2026-01-01T00:00:00.000Z");
  assert.deepEqual([...Deno.readDirSync(dir)].length, 1, "no temporary file left");
});

Deno.test("saveProgram() refuses a secret and writes nothing", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/p.json`;
  const canary = "canary-key-0123456789abcdef";
  const program = resolveProgram({ instructions: `Use key ${canary}` });
  await assert.rejects(
    () => saveProgram(path, program, { secrets: [canary] }),
    (e: unknown) => e instanceof ProgramFileError && e.field === "program.instructions",
  );
  const openaiLike = resolveProgram({ name: "sk-abcdefghijklmnopqrstuvwxyz" });
  await assert.rejects(() => saveProgram(path, openaiLike), ProgramFileError);
  assert.deepEqual([...Deno.readDirSync(dir)].length, 0);
});

Deno.test("loadProgram() names the faulty field of a corrupt file", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/p.json`;
  await saveProgram(path, resolveProgram());
  const raw = JSON.parse(await Deno.readTextFile(path));
  raw.program.k = -3;
  await Deno.writeTextFile(path, JSON.stringify(raw));
  await assert.rejects(() => loadProgram(path), (e: unknown) => {
    assert.ok(e instanceof ProgramFileError);
    assert.deepEqual(e.field, "program.k");
    assert.ok(e.message.includes(path));
    return true;
  });
  raw.program.k = 3;
  raw.program.apiKey = "x";
  await Deno.writeTextFile(path, JSON.stringify(raw));
  await assert.rejects(
    () => loadProgram(path),
    (e: unknown) => e instanceof ProgramFileError && e.field === "program.apiKey",
  );
  await Deno.writeTextFile(path, "{ not json");
  await assert.rejects(
    () => loadProgram(path),
    (e: unknown) => e instanceof ProgramFileError && /not JSON/.test(e.message),
  );
  await assert.rejects(() => loadProgram(`${dir}/missing.json`), ProgramFileError);
});
