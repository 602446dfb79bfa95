/**
 * Recognising an abstention ("not mentioned") the way the official LOCOMO scorer does for
 * category 5.
 *
 * @module
 */

import { pyLower } from "./python_text.ts";

/** The phrases the official scorer accepts as a refusal, matched in the lowercased prediction. */
export const ABSTENTION_PHRASES: readonly string[] = ["no information available", "not mentioned"];

/**
 * Whether `prediction` abstains: its Python-lowercased text contains `no information available`
 * or `not mentioned` (so `"Not mentioned in the conversation."` abstains).
 */
export function isAbstention(prediction: string): boolean {
  const lowered = pyLower(prediction);
  return ABSTENTION_PHRASES.some((phrase) => lowered.includes(phrase));
}
