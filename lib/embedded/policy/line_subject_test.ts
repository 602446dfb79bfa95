import assert from "node:assert/strict";
import { lineTokens } from "./line_tokens.ts";
import { lineSubject, subjectCues } from "./line_subject.ts";

const names = new Set(["caroline"]);

Deno.test("lineSubject() tells whom a line is about from its speaker and pronouns", () => {
  // The other speaker's own news is about the other person.
  assert.equal(lineSubject(lineTokens("I ran a charity race last Saturday."), false, names), -1);
  // The other speaker addressing the named one ("you", a name or its start) is about them.
  assert.equal(lineSubject(lineTokens("That race sounds great, Caro!"), false, names), 1);
  assert.equal(lineSubject(lineTokens("Did you like the race?"), false, names), 1);
  // The named speaker in the first person is about them; talking to the other one is not.
  assert.equal(lineSubject(lineTokens("I painted a sunset."), true, names), 1);
  assert.equal(lineSubject(lineTokens("Your painting is lovely!"), true, names), -1);
  assert.equal(lineSubject(lineTokens("Nice weather."), true, names), 0);
});

Deno.test("subjectCues() compares the named speaker's best line with the other's", () => {
  const cues = subjectCues([0.9, 0.5, 0.2], [false, true, true], [-1, 1, 0], true);
  assert.ok(Math.abs(cues.namedMinusOther - -0.4) < 1e-12);
  assert.equal(cues.otherBest, 1);
  assert.equal(cues.aboutOther, 0.9);
  assert.ok(Math.abs(cues.aboutMargin - -0.4) < 1e-12);
  assert.ok(Math.abs(cues.namedTop3 - 1 / 3) < 1e-12);
  const named = subjectCues([0.2, 0.9], [false, true], [0, 1], true);
  assert.equal(named.otherBest, -1);
  assert.ok(named.namedMinusOther > 0 && named.aboutMargin > 0);
  // Without exactly one named speaker there is no cue.
  assert.deepEqual(Object.values(subjectCues([0.9], [false], [-1], false)), [0, 0, 0, 0, 0]);
});
