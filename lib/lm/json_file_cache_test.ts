import assert from "node:assert/strict";
import { createJsonFileCache, stableStringify } from "./json_file_cache.ts";

Deno.test("stableStringify() gives equal text for objects with keys in another order", () => {
  assert.equal(stableStringify({ b: 1, a: [{ d: 2, c: 3 }] }), '{"a":[{"c":3,"d":2}],"b":1}');
  assert.equal(stableStringify({ a: 1, b: 2 }), stableStringify({ b: 2, a: 1 }));
});

Deno.test("createJsonFileCache() returns what was stored and misses other keys", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const cache = createJsonFileCache(`${dir}/sub`);
    assert.equal(await cache.get({ k: 1 }), null);
    await cache.set({ k: 1 }, { answer: "x" });
    assert.deepEqual(await cache.get({ k: 1 }), { answer: "x" });
    assert.equal(await cache.get({ k: 2 }), null);
    const names = [...Deno.readDirSync(`${dir}/sub`)].map((e) => e.name);
    assert.equal(names.length, 1, "no temp files are left behind");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("createJsonFileCache() treats a corrupt entry as a miss", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const cache = createJsonFileCache(dir);
    await cache.set("key", "value");
    for (const entry of Deno.readDirSync(dir)) Deno.writeTextFileSync(`${dir}/${entry.name}`, "{");
    assert.equal(await cache.get("key"), null);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
