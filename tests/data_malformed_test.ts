import assert from "node:assert/strict";
import { loadLocomo, LocomoFormatError } from "../mod.ts";
import { MALFORMED_VARIANTS } from "./fixtures/malformed/variants.ts";

async function loadError(file: string, bytes: Uint8Array): Promise<LocomoFormatError> {
  try {
    await loadLocomo(file, { readFile: () => Promise.resolve(bytes) });
  } catch (error) {
    if (error instanceof LocomoFormatError) return error;
    throw error;
  }
  throw new Error("loadLocomo() accepted a malformed file");
}

for (const variant of MALFORMED_VARIANTS) {
  Deno.test(`loadLocomo() rejects ${variant.name} with one error naming where and what`, async () => {
    const file = "fixtures/broken_locomo.json";
    const err = await loadError(file, variant.bytes);
    assert.equal(err.file, file);
    assert.equal(err.path, variant.path);
    assert.equal(err.sampleId, variant.sampleId);
    assert.match(err.expected, variant.expected);
    assert.match(err.found, variant.found);
    if (variant.position) {
      assert.deepEqual({ line: err.line, column: err.column }, variant.position);
      assert.ok(err.message.includes(`line ${err.line}, column ${err.column}`), err.message);
    } else {
      assert.equal(err.line, undefined);
    }
    for (const part of [file, err.path, err.expected, err.found]) {
      assert.ok(
        err.message.includes(part),
        `message lacks ${JSON.stringify(part)}: ${err.message}`,
      );
    }
    if (variant.sampleId) assert.ok(err.message.includes(`(sample ${variant.sampleId})`));
    assert.ok(!err.message.includes("\n"), "the message is one line");
  });
}

Deno.test("loadLocomo() reports a truncated file as truncated, a bad token as not", async () => {
  const truncated = MALFORMED_VARIANTS.find((v) => v.name === "a truncated file")!;
  const badToken = MALFORMED_VARIANTS.find((v) => v.name.startsWith("a bad token"))!;
  assert.match((await loadError("t.json", truncated.bytes)).message, /truncated/);
  assert.doesNotMatch((await loadError("t.json", badToken.bytes)).message, /truncated/);
});

Deno.test("loadLocomo() counts every problem but describes the first", async () => {
  const { mutateMini } = await import("./fixtures/malformed/variants.ts");
  const bytes = mutateMini((d) => {
    delete d[0].conversation.session_1[2].dia_id;
    d[2].qa[0].category = 9;
  });
  const err = await loadError("two.json", bytes);
  assert.equal(err.path, "[0].conversation.session_1[2].dia_id");
  assert.equal(err.problemCount, 2);
  assert.match(err.message, /1 more problem/);
});
