import assert from "node:assert/strict";
import { porterStem } from "./porter_stemmer.ts";

Deno.test("porterStem() conflates the inflections LOCOMO answers use, as NLTK does", () => {
  assert.equal(porterStem("agencies"), "agenc");
  assert.equal(porterStem("agency"), "agenc");
  assert.equal(porterStem("painting"), porterStem("painted"));
  assert.equal(porterStem("running"), "run");
  assert.equal(porterStem("happily"), "happili");
  assert.equal(porterStem("generously"), "gener");
  assert.equal(porterStem("controlling"), "control");
});

Deno.test("porterStem() keeps NLTK's own rules where Martin Porter's version differs", () => {
  assert.equal(porterStem("always"), "alway"); // npm stemmers give "alwai"
  assert.equal(porterStem("fly"), "fli");
  assert.equal(porterStem("spied"), "spi");
  assert.equal(porterStem("ies"), "i");
  assert.equal(porterStem("yyyyyy"), "yyyyyi");
});

Deno.test("porterStem() maps NLTK's irregular forms", () => {
  assert.equal(porterStem("dying"), "die");
  assert.equal(porterStem("lying"), "lie");
  assert.equal(porterStem("skies"), "sky");
  assert.equal(porterStem("innings"), "inning");
});

Deno.test("porterStem() lowercases, and returns words of two code points unchanged otherwise", () => {
  assert.equal(porterStem("Running"), "run");
  assert.equal(porterStem("AS"), "as");
  assert.equal(porterStem("\u0130"), "i\u0307");
});

Deno.test("porterStem() counts an emoji as one character, as Python does", () => {
  assert.equal(porterStem("hop\u{1F600}\u{1F600}ing"), "hop\u{1F600}");
});
