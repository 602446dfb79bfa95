/**
 * The checks of a parsed `locomo10.json` beyond JSON syntax: its zod schema (`schema.ts`) and
 * the rules a schema cannot say (unique sample ids, every `session_<n>` a list of turns with a
 * readable date, category ids 1–5, an answer for categories 1–4). Each problem names its JSON
 * path and what was expected there.
 *
 * @module
 */

import type { z } from "../deps.ts";
import { isCategoryId } from "./categories.ts";
import type { JsonPath } from "./json_path.ts";
import { locomoFileSchema, SESSION_KEY, sessionSchema } from "./schema.ts";
import { parseSessionDate } from "./session_date.ts";

/** One way a LOCOMO file breaks its shape: where, and what was expected there. */
export interface LocomoProblem {
  /** The JSON path of the offending value. */
  path: JsonPath;
  /** What was expected there, e.g. `a category id 1–5`. */
  expected: string;
}

function expectedFromIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.expected === "array" ? "an array" : `a value of type ${issue.expected}`;
    case "too_small":
      return issue.path.length === 0
        ? "a non-empty JSON array of LOCOMO samples"
        : "a non-empty value";
    case "invalid_format":
      return issue.message || "a value in the right format";
    case "invalid_union": {
      const options = issue.errors.flatMap((branch) => branch.slice(0, 1).map(expectedFromIssue));
      return options.length > 0 ? [...new Set(options)].join(" or ") : issue.message;
    }
    default:
      return issue.message;
  }
}

/**
 * Every problem of `raw` (parsed JSON) as a LOCOMO file, ordered by sample and position;
 * empty when the file is valid.
 */
export function validateLocomo(raw: unknown): LocomoProblem[] {
  const parsed = locomoFileSchema.safeParse(raw);
  const problems: LocomoProblem[] = parsed.success ? [] : parsed.error.issues.map((issue) => ({
    path: issue.path,
    expected: expectedFromIssue(issue),
  }));
  if (!Array.isArray(raw)) return problems;
  const firstIndexOf = new Map<string, number>();
  raw.forEach((sample: unknown, i) => {
    if (sample === null || typeof sample !== "object") return;
    const s = sample as Record<string, unknown>;
    if (typeof s.sample_id === "string" && s.sample_id !== "") {
      const first = firstIndexOf.get(s.sample_id);
      if (first === undefined) firstIndexOf.set(s.sample_id, i);
      else {
        problems.push({
          path: [i, "sample_id"],
          expected: `a sample_id not used before (sample [${first}] has it)`,
        });
      }
    }
    const conv = s.conversation;
    if (conv !== null && typeof conv === "object" && !Array.isArray(conv)) {
      problems.push(...validateSessions(conv as Record<string, unknown>, [i, "conversation"]));
    }
    if (Array.isArray(s.qa)) {
      s.qa.forEach((qa: unknown, j) => {
        if (qa === null || typeof qa !== "object") return;
        const q = qa as Record<string, unknown>;
        if (typeof q.category === "number" && Number.isInteger(q.category)) {
          if (!isCategoryId(q.category)) {
            problems.push({ path: [i, "qa", j, "category"], expected: "a category id 1–5" });
          } else if (q.category !== 5 && !("answer" in q)) {
            problems.push({
              path: [i, "qa", j, "answer"],
              expected: "an answer (string or integer) for categories 1–4",
            });
          }
        }
      });
    }
  });
  problems.sort((a, b) => comparePaths(a.path, b.path));
  return problems;
}

function comparePaths(a: JsonPath, b: JsonPath): number {
  for (let k = 0; k < Math.min(a.length, b.length); k++) {
    const x = a[k], y = b[k];
    if (x === y) continue;
    if (typeof x === "number" && typeof y === "number") return x - y;
    return 0; // keys of one object: keep the validator's order
  }
  return a.length - b.length;
}

function validateSessions(conv: Record<string, unknown>, at: JsonPath): LocomoProblem[] {
  const problems: LocomoProblem[] = [];
  for (const [key, value] of Object.entries(conv)) {
    const m = SESSION_KEY.exec(key);
    if (!m) continue;
    const result = sessionSchema.safeParse(value);
    if (!result.success) {
      for (const issue of result.error.issues) {
        problems.push({ path: [...at, key, ...issue.path], expected: expectedFromIssue(issue) });
      }
    }
    const dateKey = `${key}_date_time`;
    const date = conv[dateKey];
    if (typeof date !== "string" || parseSessionDate(date) === undefined) {
      problems.push({
        path: [...at, dateKey],
        expected: 'a session date like "1:56 pm on 8 May, 2023"',
      });
    }
  }
  return problems;
}
