import assert from "node:assert/strict";
import { jsonErrorOffset } from "./json_error_offset.ts";

Deno.test("jsonErrorOffset() returns -1 for valid JSON", () => {
  for (
    const text of [
      "[]",
      " {} ",
      '[{"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"]}, {"b": {}}]\n',
      '"plain"',
      "0",
    ]
  ) {
    JSON.parse(text);
    assert.equal(jsonErrorOffset(text), -1, text);
  }
});

Deno.test("jsonErrorOffset() points at the token V8 reports without a position", () => {
  assert.equal(jsonErrorOffset("hello world"), 0);
  assert.equal(jsonErrorOffset("<!DOCTYPE html>"), 0);
  assert.equal(jsonErrorOffset("[1, 2, x]"), 7);
  assert.equal(jsonErrorOffset('{"a": tru}'), 9);
  assert.equal(jsonErrorOffset('[\n {"sample_id": x}\n]'), 17);
});

Deno.test("jsonErrorOffset() returns the length of text that ends too early", () => {
  for (const text of ["", "[", "[1,", '{"a"', '{"a":', '["abc', "nul", "[1, 2"]) {
    assert.equal(jsonErrorOffset(text), text.length, JSON.stringify(text));
  }
});

Deno.test("jsonErrorOffset() agrees with V8 where V8 names a position", () => {
  const cases = [
    '[{"a": 1,}]',
    '[{"a" 1}]',
    "[1 2]",
    "{",
    '["a\u0001"]',
    "[01]",
    "[1] x",
    '["\\q"]',
    '\n\n   [\n  {"x": 1\n  ,,}]',
  ];
  for (const text of cases) {
    let position = -2;
    try {
      JSON.parse(text);
    } catch (error) {
      position = Number(/position (\d+)/.exec((error as Error).message)?.[1]);
    }
    assert.equal(jsonErrorOffset(text), position, JSON.stringify(text));
  }
});
