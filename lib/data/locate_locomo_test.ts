import assert from "node:assert/strict";
import { LocomoNotFoundError } from "./errors.ts";
import { DEFAULT_LOCOMO_PATH, locateLocomo } from "./locate_locomo.ts";

const existsIn = (files: string[]) => (path: string) => Promise.resolve(files.includes(path));

Deno.test("locateLocomo() prefers --input, then LOCOMO_PATH, then data/locomo10.json", async () => {
  const exists = existsIn(["in.json", "env.json", DEFAULT_LOCOMO_PATH]);
  assert.equal(await locateLocomo({ input: "in.json", envPath: "env.json", exists }), "in.json");
  assert.equal(await locateLocomo({ envPath: "env.json", exists }), "env.json");
  assert.equal(await locateLocomo({ exists }), DEFAULT_LOCOMO_PATH);
});

Deno.test("locateLocomo() never falls back when an explicit path is missing", async () => {
  const exists = existsIn([DEFAULT_LOCOMO_PATH]);
  await assert.rejects(
    () => locateLocomo({ input: "typo.json", exists }),
    (e: unknown) => e instanceof LocomoNotFoundError && e.tried[0] === "--input typo.json",
  );
  await assert.rejects(
    () => locateLocomo({ envPath: "gone.json", exists }),
    (e: unknown) => e instanceof LocomoNotFoundError && e.tried[0] === "LOCOMO_PATH=gone.json",
  );
});

Deno.test("locateLocomo() says how to get the data when nothing is found", async () => {
  await assert.rejects(
    () => locateLocomo({ exists: existsIn([]) }),
    (e: unknown) =>
      e instanceof LocomoNotFoundError && /deno task data/.test(e.message) &&
      /LOCOMO_PATH=/.test(e.message) && /--input/.test(e.message) &&
      e.message.includes(DEFAULT_LOCOMO_PATH),
  );
});

Deno.test("locateLocomo() checks the real file system by default", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const file = `${dir}/x.json`;
    await Deno.writeTextFile(file, "[]");
    assert.equal(await locateLocomo({ input: file }), file);
    await assert.rejects(() => locateLocomo({ input: dir }), LocomoNotFoundError);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("locateLocomo() says a LOCOMO_PATH naming a directory is a directory, with a fix that works", async () => {
  const dir = await Deno.makeTempDir({ prefix: "memgrpo_locate_dir_" });
  try {
    await assert.rejects(locateLocomo({ envPath: dir }), (error: unknown) => {
      assert.ok(error instanceof LocomoNotFoundError);
      assert.equal(error.isDirectory, true);
      assert.match(error.message, /LOCOMO_PATH=.* is a directory, not the locomo10\.json file/);
      assert.match(error.message, /unset it and run `deno task data`/);
      return true;
    });
  } finally {
    await Deno.remove(dir);
  }
});

Deno.test("locateLocomo() gives the caller's hint instead of the CLI's advice", async () => {
  const hint = "Set LOCOMO_PATH before starting Jupyter.";
  await assert.rejects(
    () => locateLocomo({ envPath: "gone.json", hint, exists: existsIn([]) }),
    (e: unknown) =>
      e instanceof LocomoNotFoundError && e.message.endsWith(hint) &&
      !/--input/.test(e.message) && e.tried[0] === "LOCOMO_PATH=gone.json",
  );
});
