import assert from "node:assert/strict";
import { isAbstention } from "./abstention.ts";

Deno.test("isAbstention() recognises the official refusal phrases in any case", () => {
  assert.equal(isAbstention("Not mentioned in the conversation."), true);
  assert.equal(isAbstention("NO INFORMATION AVAILABLE"), true);
  assert.equal(isAbstention("It was not mentioned"), true);
});

Deno.test("isAbstention() rejects near misses the official scorer rejects", () => {
  assert.equal(isAbstention("not  mentioned"), false);
  assert.equal(isAbstention("No information"), false);
  assert.equal(isAbstention("unknown"), false);
  assert.equal(isAbstention(""), false);
});
