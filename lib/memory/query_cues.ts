/**
 * Cues read from a question: which speaker it is about and whether it asks about time.
 *
 * @module
 */

import { words } from "../text/mod.ts";

const TEMPORAL_QUESTION =
  /^\s*when\b|\bwhat (year|month|day|date|time)\b|\bhow long\b|\bwhich (year|month|day)\b|\bsince when\b|\bhow many (years|months|weeks|days)\b/i;

/**
 * Whether a question asks about time ("When did…", "How long…", "What year…").
 *
 * @example
 * ```ts
 * import { isTemporalQuestion } from "./query_cues.ts";
 * isTemporalQuestion("When did Caroline go to the support group?"); // true
 * ```
 */
export function isTemporalQuestion(question: string): boolean {
  return TEMPORAL_QUESTION.test(question);
}

const TIME_EXPRESSION = new RegExp(
  "\\b(yesterday|today|tonight|tomorrow|ago|recently|lately|last|next|this (week|weekend|month|" +
    "year|summer|winter|spring|fall)|weekend|(mon|tues|wednes|thurs|fri|satur|sun)day|" +
    "january|february|march|april|june|july|august|september|october|november|december|" +
    "(19|20)\\d\\d|since|years?|months?|weeks?)\\b",
  "i",
);

/**
 * Whether a text mentions a time ("yesterday", "last Friday", "two weeks ago", "2022"…).
 *
 * @example
 * ```ts
 * import { mentionsTime } from "./query_cues.ts";
 * mentionsTime("I went to a support group yesterday"); // true
 * ```
 */
export function mentionsTime(text: string): boolean {
  return TIME_EXPRESSION.test(text);
}

/**
 * The speakers a question names, matched on first names and on short forms of at least three
 * letters that start a name (`Mel` for `Melanie`).
 *
 * @example
 * ```ts
 * import { mentionedSpeakers } from "./query_cues.ts";
 * mentionedSpeakers("What did Mel paint?", ["Caroline", "Melanie"]); // ["Melanie"]
 * ```
 */
export function mentionedSpeakers(question: string, speakers: readonly string[]): string[] {
  const questionWords = words(question);
  return speakers.filter((speaker) => {
    const name = words(speaker)[0];
    if (name === undefined) return false;
    return questionWords.some((w) => w === name || (w.length >= 3 && name.startsWith(w)));
  });
}
