/** pyLower against Python's str.lower() on every Unicode code point. */

import assert from "node:assert/strict";
import { pyLower } from "../lib/text/mod.ts";

const table: { lower: Record<string, string> } = JSON.parse(
  Deno.readTextFileSync(new URL("./fixtures/f1_vectors_lower.json", import.meta.url)),
);

Deno.test("pyLower() equals Python's str.lower() on every code point", () => {
  const failures: string[] = [];
  for (let cp = 0; cp < 0x110000; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const ch = String.fromCodePoint(cp);
    const expected = table.lower[String(cp)] ?? ch;
    if (pyLower(ch) !== expected) failures.push(cp.toString(16));
  }
  assert.deepEqual(failures.slice(0, 20), [], `${failures.length} code points differ`);
});
