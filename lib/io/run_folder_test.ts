import assert from "node:assert/strict";
import { join } from "node:path";
import { createRunFolder, runFolderName } from "./run_folder.ts";

Deno.test("runFolderName() is portable: date-time and a random suffix, no colon", () => {
  const name = runFolderName(new Date("2026-12-06T14:42:35.123Z"), () => 0.5);
  assert.match(name, /^20261206-144235-[a-z0-9]{4}$/);
  assert.ok(!name.includes(":"));
});

Deno.test("createRunFolder() never reuses a folder, also in the same second", async () => {
  const parent = await Deno.makeTempDir({ prefix: "memgrpo_run_folder_" });
  try {
    const now = () => new Date("2026-12-06T14:42:35Z");
    let calls = 0;
    const random = () => (calls++ < 4 ? 0 : 0.9); // the second folder's first name is taken
    const first = await createRunFolder(parent, { now, random: () => 0 });
    const second = await createRunFolder(parent, { now, random });
    assert.notEqual(first, second);
    assert.equal(first, join(parent, "20261206-144235-aaaa"));
    const many = await Promise.all(
      Array.from({ length: 20 }, () => createRunFolder(parent, { now })),
    );
    assert.equal(new Set(many).size, 20);
  } finally {
    await Deno.remove(parent, { recursive: true });
  }
});
