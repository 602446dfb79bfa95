import assert from "node:assert/strict";
import { backoffDelayMs, parseRetryAfter } from "./backoff.ts";

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

const NOW = Date.parse("2025-01-01T00:00:00Z");

Deno.test("parseRetryAfter() reads delay-seconds, fractions included", () => {
  assert.equal(parseRetryAfter(new Headers({ "retry-after": "2" }), NOW), 2000);
  assert.equal(parseRetryAfter(new Headers({ "retry-after": " 0.5 " }), NOW), 500);
});

Deno.test("parseRetryAfter() prefers retry-after-ms", () => {
  const headers = new Headers({ "retry-after": "9", "retry-after-ms": "120" });
  assert.equal(parseRetryAfter(headers, NOW), 120);
});

Deno.test("parseRetryAfter() reads an HTTP date relative to now, never negative", () => {
  const later = new Headers({ "retry-after": "Wed, 01 Jan 2025 00:00:30 GMT" });
  assert.equal(parseRetryAfter(later, NOW), 30_000);
  const past = new Headers({ "retry-after": "Tue, 31 Dec 2024 23:59:00 GMT" });
  assert.equal(parseRetryAfter(past, NOW), 0);
});

Deno.test("parseRetryAfter() returns null when absent or unreadable", () => {
  assert.equal(parseRetryAfter(new Headers(), NOW), null);
  assert.equal(parseRetryAfter(new Headers({ "retry-after": "soon" }), NOW), null);
  assert.equal(parseRetryAfter(new Headers({ "retry-after": "-3" }), NOW), null);
});
