import assert from "node:assert/strict";
import { isPyWordChar, pyLower, pySplit, pyStr, pyStrip } from "./python_text.ts";

Deno.test("pySplit() splits on Python whitespace, including \\x1c-\\x1f and \\x85 but not \\ufeff", () => {
  assert.deepEqual(pySplit(" a\x1cb\x1fc\x85d\u3000e\ufefff "), ["a", "b", "c", "d", "e\ufefff"]);
  assert.deepEqual(pySplit(" \t\n"), []);
  assert.deepEqual(pySplit(""), []);
});

Deno.test("pyStrip() strips Python whitespace only", () => {
  assert.equal(pyStrip("\x85\u00a0 x y \x1e"), "x y");
  assert.equal(pyStrip("\ufeffx"), "\ufeffx");
});

Deno.test("pyLower() follows Python's full case mapping and final sigma", () => {
  assert.equal(pyLower("\u0130stanbul"), "i\u0307stanbul");
  assert.equal(
    pyLower("\u039f\u0394\u039f\u03a3 \u03a3\u039f"),
    "\u03bf\u03b4\u03bf\u03c2 \u03c3\u03bf",
  );
  assert.equal(pyLower("ABC"), "abc");
});

Deno.test("pyLower() leaves letters Python 3.11's Unicode does not know", () => {
  // U+A7CB (Unicode 16) has a lowercase in JavaScript's newer Unicode, not in Python 3.11.
  assert.equal(pyLower("\ua7cbA"), "\ua7cba");
});

Deno.test("isPyWordChar() uses Unicode word characters like Python's regex module", () => {
  assert.equal(isPyWordChar("\u00e9".codePointAt(0)!), true);
  assert.equal(isPyWordChar(0x0301), true); // combining acute accent
  assert.equal(isPyWordChar(0x200d), true); // zero-width joiner
  assert.equal(isPyWordChar(0x00b2), false); // superscript two
  assert.equal(isPyWordChar("_".codePointAt(0)!), true);
  assert.equal(isPyWordChar("-".codePointAt(0)!), false);
});

Deno.test("pyStr() prints numbers as Python's str() does", () => {
  assert.equal(pyStr(2022), "2022");
  assert.equal(pyStr(-7), "-7");
  assert.equal(pyStr(2.5), "2.5");
  assert.equal(pyStr(1e16), "10000000000000000");
  assert.equal(pyStr(-0), "0");
  assert.equal(pyStr(1.5e300), "1.5e+300");
  assert.equal(pyStr(0.0001), "0.0001");
  assert.equal(pyStr(0.00001), "1e-05");
  assert.equal(pyStr(123456.789), "123456.789");
  assert.equal(pyStr("text"), "text");
});
