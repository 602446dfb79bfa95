import assert from "node:assert/strict";
import { join } from "node:path";
import { LOCOMO_SHA256 } from "../lib/data/mod.ts";
import { DATA_SCRIPT, listDir, runScript } from "./fixtures/malformed/run_split_cli.ts";

const LOCOMO_PATH = Deno.env.get("LOCOMO_PATH");

/** Serves `body` at every path of a local server and counts requests. */
function serve(body: Uint8Array<ArrayBuffer>) {
  let requests = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, () => {
    requests++;
    return new Response(body);
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}/locomo10.json`,
    requests: () => requests,
    close: () => server.shutdown(),
  };
}

async function inTempDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "memgrpo_data_cli_" });
  try {
    await run(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("data CLI downloads nothing when LOCOMO_PATH names a local copy", async () => {
  await inTempDir(async (dir) => {
    const result = await runScript(DATA_SCRIPT, [], { cwd: dir, env: { LOCOMO_PATH: "x.json" } });
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /LOCOMO_PATH is set \(x\.json\).*nothing was downloaded.*env -u LOCOMO_PATH deno task data/,
    );
    assert.deepEqual(await listDir(dir), []);
  });
});

Deno.test("data CLI refuses content with the wrong sha256, writing nothing", async () => {
  const server = serve(new TextEncoder().encode("[]"));
  try {
    await inTempDir(async (dir) => {
      const result = await runScript(DATA_SCRIPT, ["--url", server.url], { cwd: dir });
      assert.equal(result.code, 1);
      assert.match(result.stderr, new RegExp(`expected ${LOCOMO_SHA256}; nothing was written`));
      assert.equal(result.stderr.trimEnd().split("\n").length, 1, result.stderr);
      assert.deepEqual(await listDir(dir), []);
    });
  } finally {
    await server.close();
  }
});

Deno.test({
  name: "data CLI downloads into data/locomo10.json once, then makes no request",
  ignore: !LOCOMO_PATH,
  async fn() {
    const server = serve(await Deno.readFile(LOCOMO_PATH!));
    try {
      await inTempDir(async (dir) => {
        const first = await runScript(DATA_SCRIPT, ["--url", server.url], { cwd: dir });
        assert.equal(first.code, 0, first.stderr);
        assert.match(first.stdout, /Downloaded 2805274 bytes to data\/locomo10\.json/);
        assert.deepEqual(await listDir(join(dir, "data")), ["locomo10.json"]);
        const second = await runScript(DATA_SCRIPT, ["--url", server.url], { cwd: dir });
        assert.equal(second.code, 0, second.stderr);
        assert.match(second.stdout, /already there \(sha256 verified\); nothing downloaded/);
        assert.equal(server.requests(), 1);
      });
    } finally {
      await server.close();
    }
  },
});
