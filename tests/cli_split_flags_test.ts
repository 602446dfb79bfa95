import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { listDir, runSplitCli } from "./fixtures/malformed/run_split_cli.ts";

const MINI = fileURLToPath(new URL("../data/sample/mini_locomo.json", import.meta.url));
const THIRDS = ["--train-ratio", "0.34", "--val-ratio", "0.33", "--test-ratio", "0.33"];

async function inTempDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "memgrpo_split_cli_" });
  try {
    await run(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("split CLI writes three split files from a valid file and verifies them", async () => {
  await inTempDir(async (dir) => {
    const out = join(dir, "out");
    const result = await runSplitCli(["--input", MINI, "--output-dir", out, ...THIRDS, "--verify"]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(await listDir(out), [
      "locomo_test.json",
      "locomo_train.json",
      "locomo_val.json",
    ]);
    for (const name of ["multi-hop", "temporal", "open-domain", "single-hop", "adversarial"]) {
      assert.ok(result.stdout.includes(name), `--verify names ${name}`);
    }
    assert.match(result.stdout, /all 13 questions in exactly one split/);
  });
});

Deno.test("split CLI writes to data/ under the working directory by default", async () => {
  await inTempDir(async (dir) => {
    const result = await runSplitCli(["--input", MINI, ...THIRDS], { cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(await listDir(join(dir, "data")), [
      "locomo_test.json",
      "locomo_train.json",
      "locomo_val.json",
    ]);
  });
});

const BAD_FLAGS: { args: string[]; code: number; message: RegExp }[] = [
  { args: ["--train-ratio", "abc"], code: 2, message: /--train-ratio must be a number; got "abc"/ },
  { args: ["--val-ratio", ""], code: 2, message: /--val-ratio must be a number; got ""/ },
  { args: ["--seed", "1.5"], code: 2, message: /--seed must be an integer; got "1.5"/ },
  { args: ["--bogus"], code: 2, message: /bogus/ },
  {
    args: ["--train-ratio", "0.7"],
    code: 2,
    message:
      /--train-ratio, --val-ratio, --test-ratio: .*must sum to 1, got 0\.7 \+ 0\.2 \+ 0\.2 = 1\.1 /,
  },
  { args: ["--test-ratio=-0.1"], code: 2, message: /--test-ratio must be ≥ 0; got -0\.1/ },
  { args: ["--test-ratio", "-0.1"], code: 2, message: /--test-ratio must be ≥ 0; got -0\.1/ },
];

for (const { args, code, message } of BAD_FLAGS) {
  Deno.test(`split CLI rejects ${args.join(" ")} with exit ${code} and writes nothing`, async () => {
    await inTempDir(async (dir) => {
      const out = join(dir, "out");
      const result = await runSplitCli(["--input", MINI, "--output-dir", out, ...args]);
      assert.equal(result.code, code, result.stderr);
      assert.match(result.stderr, message);
      assert.match(result.stderr, /^error: /);
      if (code === 2) assert.match(result.stderr, /--help/);
      assert.doesNotMatch(result.stderr, /^\s+at /m, "no stack trace");
      assert.deepEqual(await listDir(out), []);
    });
  });
}

Deno.test("split CLI says how to get LOCOMO when no input, LOCOMO_PATH or data/ file", async () => {
  await inTempDir(async (dir) => {
    const result = await runSplitCli([], { cwd: dir });
    assert.equal(result.code, 1);
    assert.equal(result.stderr.trimEnd().split("\n").length, 1, result.stderr);
    for (const hint of ["data/locomo10.json", "deno task data", "LOCOMO_PATH", "--input"]) {
      assert.ok(result.stderr.includes(hint), `message mentions ${hint}: ${result.stderr}`);
    }
    assert.deepEqual(await listDir(dir), []);
  });
});

Deno.test("split CLI names a missing --input or LOCOMO_PATH instead of looking elsewhere", async () => {
  await inTempDir(async (dir) => {
    await Deno.mkdir(join(dir, "data"));
    await Deno.copyFile(MINI, join(dir, "data", "locomo10.json"));
    const byFlag = await runSplitCli(["--input", "nowhere.json"], { cwd: dir });
    assert.equal(byFlag.code, 1);
    assert.match(byFlag.stderr, /tried: --input nowhere\.json\)/);
    const byEnv = await runSplitCli([], { cwd: dir, env: { LOCOMO_PATH: "gone.json" } });
    assert.equal(byEnv.code, 1);
    assert.match(byEnv.stderr, /tried: LOCOMO_PATH=gone\.json\)/);
    assert.deepEqual(await listDir(join(dir, "data")), ["locomo10.json"]);
  });
});

Deno.test("split CLI leaves earlier split files untouched when the input is malformed", async () => {
  await inTempDir(async (dir) => {
    const out = join(dir, "out");
    assert.equal((await runSplitCli(["--input", MINI, "--output-dir", out, ...THIRDS])).code, 0);
    const before = await Deno.readFile(join(out, "locomo_train.json"));
    const broken = join(dir, "broken.json");
    await Deno.writeTextFile(broken, (await Deno.readTextFile(MINI)).slice(0, 500));
    const result = await runSplitCli(["--input", broken, "--output-dir", out, ...THIRDS]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /truncated/);
    assert.deepEqual(await Deno.readFile(join(out, "locomo_train.json")), before);
    assert.deepEqual(await listDir(out), [
      "locomo_test.json",
      "locomo_train.json",
      "locomo_val.json",
    ]);
  });
});
