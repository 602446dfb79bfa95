import assert from "node:assert/strict";
import { join } from "node:path";
import { JsonFileError, readJsonObject } from "./json_file.ts";

Deno.test("readJsonObject() reads an object and names the file and the problem otherwise", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const file = join(dir, "config.json");
    await Deno.writeTextFile(file, '{"beta": 0.04}');
    assert.deepEqual(await readJsonObject(file), { beta: 0.04 });
    const fails = async (text: string | null, problem: string, message: RegExp) => {
      if (text === null) await Deno.remove(file);
      else await Deno.writeTextFile(file, text);
      await assert.rejects(
        () => readJsonObject(file),
        (e: unknown) =>
          e instanceof JsonFileError && e.path === file && e.problem === problem &&
          message.test(e.message),
      );
    };
    await fails('{"beta": ', "syntax", /config\.json is not valid JSON \(.+\)$/);
    await fails("[1, 2]", "not-object", /config\.json is not a JSON object \(found an array\)$/);
    await fails("null", "not-object", /found null/);
    await fails(null, "unreadable", /config\.json cannot be read \(no such file\)$/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
