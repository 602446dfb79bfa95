import assert from "node:assert/strict";
import { redactSecrets } from "./errors.ts";

Deno.test("redactSecrets() replaces every occurrence of every secret", () => {
  assert.equal(
    redactSecrets("key sk-1 then sk-1 and tok-2", ["sk-1", "tok-2"]),
    "key [REDACTED] then [REDACTED] and [REDACTED]",
  );
});

Deno.test("redactSecrets() removes a longer secret whole before a shorter one inside it", () => {
  assert.equal(redactSecrets("x sk-abcdef y", ["sk-abc", "sk-abcdef"]), "x [REDACTED] y");
});

Deno.test("redactSecrets() ignores empty secrets", () => {
  assert.equal(redactSecrets("nothing secret", ["", ""]), "nothing secret");
});
