import assert from "node:assert/strict";
import { join } from "node:path";
import { writeFileAtomic, writeFilesAtomic } from "./atomic_write.ts";

async function inTempDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "memgrpo_atomic_" });
  try {
    await run(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const names = async (dir: string) =>
  (await Array.fromAsync(Deno.readDir(dir))).map((e) => e.name).sort();

Deno.test("writeFileAtomic() writes text or bytes, creating folders, leaving no temp file", async () => {
  await inTempDir(async (dir) => {
    const text = join(dir, "a", "b", "out.json");
    await writeFileAtomic(text, '{"é": 1}\n');
    assert.equal(await Deno.readTextFile(text), '{"é": 1}\n');
    const bytes = join(dir, "a", "raw.bin");
    await writeFileAtomic(bytes, new Uint8Array([0, 255, 7]));
    assert.deepEqual(await Deno.readFile(bytes), new Uint8Array([0, 255, 7]));
    assert.deepEqual(await names(join(dir, "a")), ["b", "raw.bin"]);
    assert.deepEqual(await names(join(dir, "a", "b")), ["out.json"]);
  });
});

Deno.test("writeFileAtomic() replaces an existing file", async () => {
  await inTempDir(async (dir) => {
    const path = join(dir, "out.json");
    await Deno.writeTextFile(path, "old");
    await writeFileAtomic(path, "new");
    assert.equal(await Deno.readTextFile(path), "new");
    assert.deepEqual(await names(dir), ["out.json"]);
  });
});

Deno.test("writeFilesAtomic() failing mid-way leaves no new file and no temp file", async () => {
  await inTempDir(async (dir) => {
    await Deno.writeTextFile(join(dir, "blocker"), "a file where a folder is needed");
    await Deno.writeTextFile(join(dir, "kept.json"), "previous");
    await assert.rejects(() =>
      writeFilesAtomic([
        { path: join(dir, "first.json"), data: "1" },
        { path: join(dir, "kept.json"), data: "2" },
        { path: join(dir, "blocker", "third.json"), data: "3" },
      ])
    );
    assert.deepEqual(await names(dir), ["blocker", "kept.json"]);
    assert.equal(await Deno.readTextFile(join(dir, "kept.json")), "previous");
  });
});

Deno.test("writeFilesAtomic() writes every file when all succeed", async () => {
  await inTempDir(async (dir) => {
    const files = ["train", "val", "test"].map((name) => ({
      path: join(dir, `locomo_${name}.json`),
      data: `{"split": "${name}"}\n`,
    }));
    await writeFilesAtomic(files);
    for (const f of files) assert.equal(await Deno.readTextFile(f.path), f.data);
    assert.deepEqual(await names(dir), [
      "locomo_test.json",
      "locomo_train.json",
      "locomo_val.json",
    ]);
  });
});
