import assert from "node:assert/strict";
import { backoffDelayMs } from "./backoff.ts";

const settings = { initialRetryDelayMs: 100, maxRetryDelayMs: 1000, jitter: 0.5 };

Deno.test("backoffDelayMs() doubles per retry up to the cap", () => {
  const noJitter = { ...settings, random: () => 0 };
  assert.deepEqual([1, 2, 3, 4, 5, 40].map((r) => backoffDelayMs(r, noJitter)), [
    100,
    200,
    400,
    800,
    1000,
    1000,
  ]);
});

Deno.test("backoffDelayMs() removes at most the jitter fraction", () => {
  assert.equal(backoffDelayMs(2, { ...settings, random: () => 0.999999 }), 200 * (1 - 0.4999995));
  assert.ok(backoffDelayMs(2, { ...settings, random: () => 0.999999 }) > 100);
});

Deno.test("backoffDelayMs() rejects a retry number below 1", () => {
  assert.throws(() => backoffDelayMs(0, { ...settings, random: () => 0 }), RangeError);
});
