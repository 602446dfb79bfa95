/**
 * Whom a memory line is about, relative to the person a question names, and the
 * answer-or-abstain cues built from it.
 *
 * LOCOMO's adversarial questions (category 5) ask about one speaker what the conversation says
 * about the other ("What did Caroline realize after her charity race?" when Melanie ran the
 * race). Their best-matching lines are then the other speaker's own news ("I ran a charity
 * race…") or the named speaker talking to the other ("That race sounds great, Mel!"). A line is
 * about the named person when that person says it in the first person, or when the other speaker
 * addresses them ("you", their name); it is about the other person in the mirrored cases.
 *
 * @module
 */

import type { LineToken } from "./line_tokens.ts";

const FIRST_PERSON = new Set(["i", "me", "my", "mine", "myself", "im", "ive", "id", "ill"]);
const SECOND_PERSON = new Set(["you", "your", "yours", "yourself", "youre", "youve", "youll"]);

/**
 * +1 when the line is about the named person, −1 when it is about the other person, 0 when its
 * pronouns do not tell. `byNamed`: the named person speaks the line; `names`: the question's
 * speaker names (normalised); a token that is a name or its start (`Mel` for `Melanie`) counts
 * as a mention.
 *
 * @example
 * ```ts
 * import { lineTokens } from "./line_tokens.ts";
 * import { lineSubject } from "./line_subject.ts";
 * lineSubject(lineTokens("I ran a charity race."), false, new Set(["caroline"])); // -1
 * ```
 */
export function lineSubject(
  tokens: readonly LineToken[],
  byNamed: boolean,
  names: ReadonlySet<string>,
): number {
  let first = false;
  let second = false;
  let mentions = false;
  for (const t of tokens) {
    if (FIRST_PERSON.has(t.norm)) first = true;
    else if (SECOND_PERSON.has(t.norm)) second = true;
    else if (t.norm.length >= 3) {
      for (const name of names) if (name.startsWith(t.norm)) mentions = true;
    }
  }
  if (byNamed) return first ? 1 : second ? -1 : 0;
  return second || mentions ? 1 : first ? -1 : 0;
}

/** The answer-or-abstain cues of one prompt (all 0 unless the question names one speaker). */
export interface SubjectCues {
  /** Best question overlap among the named speaker's lines minus among the other's (−1…1). */
  namedMinusOther: number;
  /**
   * +1 when a line of the other speaker overlaps the question more than any of the named one's,
   * else −1 (signed, so answerable questions teach its weight as much as adversarial ones).
   */
  otherBest: number;
  /** Best overlap among lines about the other person (by {@link lineSubject}). */
  aboutOther: number;
  /** Best overlap among lines about the named person minus {@link SubjectCues.aboutOther}. */
  aboutMargin: number;
  /** Share of the top three lines that the named speaker says, mapped to −1…1. */
  namedTop3: number;
}

/**
 * The cues from each line's question overlap (0…1), whether the named speaker says it, and its
 * {@link lineSubject}. `oneName`: the question names exactly one of the speakers.
 */
export function subjectCues(
  overlap: readonly number[],
  named: readonly boolean[],
  subject: readonly number[],
  oneName: boolean,
): SubjectCues {
  if (!oneName) {
    return { namedMinusOther: 0, otherBest: 0, aboutOther: 0, aboutMargin: 0, namedTop3: 0 };
  }
  let bestNamed = 0;
  let bestOther = 0;
  let aboutNamed = 0;
  let aboutOther = 0;
  overlap.forEach((o, i) => {
    if (named[i]) bestNamed = Math.max(bestNamed, o);
    else bestOther = Math.max(bestOther, o);
    if (subject[i]! > 0) aboutNamed = Math.max(aboutNamed, o);
    if (subject[i]! < 0) aboutOther = Math.max(aboutOther, o);
  });
  return {
    namedMinusOther: bestNamed - bestOther,
    otherBest: bestOther > bestNamed ? 1 : -1,
    aboutOther,
    aboutMargin: aboutNamed - aboutOther,
    namedTop3: (2 * named.slice(0, 3).filter(Boolean).length) / 3 - 1,
  };
}
