import assert from "node:assert/strict";
import { join } from "node:path";
import { CheckpointNotFoundError } from "./errors.ts";
import {
  type CheckpointMetadata,
  isCheckpointDir,
  readCheckpointDir,
  writeCheckpointDir,
} from "./checkpoint_files.ts";

function metadata(step: number): CheckpointMetadata {
  return {
    checkpoint_name: "best",
    job_id: "grpo:m:x:20251101",
    model: "m",
    dialect: "2025.11",
    global_step: step,
    groups_received: step,
    metadata: { score: 0.5 },
    timestamp: 1,
    config: {},
  };
}

Deno.test("writeCheckpointDir() replaces an existing checkpoint and leaves no temp folders", async () => {
  const root = await Deno.makeTempDir();
  try {
    const dir = join(root, "job", "checkpoints", "best");
    await writeCheckpointDir(dir, { policy: { w: [1] }, metadata: metadata(1) });
    await writeCheckpointDir(dir, { policy: { w: [2] }, metadata: metadata(2) });
    const read = await readCheckpointDir(dir);
    assert.deepEqual(read.policy, { w: [2] });
    assert.equal(read.metadata?.global_step, 2);
    const names = [...Deno.readDirSync(join(root, "job", "checkpoints"))].map((e) => e.name);
    assert.deepEqual(names, ["best"]);
    assert.equal(await isCheckpointDir(dir), true);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("readCheckpointDir() names the folder when policy.json is missing", async () => {
  const root = await Deno.makeTempDir();
  try {
    await assert.rejects(() => readCheckpointDir(root), (error: unknown) => {
      assert.ok(error instanceof CheckpointNotFoundError);
      assert.equal(error.dir, root);
      return true;
    });
    assert.equal(await isCheckpointDir(root), false);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("readCheckpointDir() says whether the path is a file, missing, or a folder without policy.json", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const file = `${dir}/policy.json`;
    await Deno.writeTextFile(file, "{}");
    await assert.rejects(() => readCheckpointDir(file), /it is a file; a checkpoint is a folder/);
    await assert.rejects(() => readCheckpointDir(`${dir}/nowhere`), /: no such folder$/);
    await Deno.remove(file);
    await assert.rejects(() => readCheckpointDir(dir), /the folder has no readable policy\.json$/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
