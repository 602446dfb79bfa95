/**
 * Removal of secrets from text that may be shown or logged.
 *
 * @module
 */

/** What a redacted secret is replaced with. */
export const REDACTED = "[REDACTED]";

/**
 * Replaces every occurrence of every non-empty secret in `text` with `[REDACTED]`. Longer
 * secrets are replaced first, so a secret containing another is removed whole.
 *
 * @example
 * ```ts
 * redactSecrets("401: bad key sk-123", ["sk-123"]); // "401: bad key [REDACTED]"
 * ```
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  const sorted = secrets.filter((s) => typeof s === "string" && s !== "")
    .sort((a, b) => b.length - a.length);
  let out = text;
  for (const secret of sorted) out = out.split(secret).join(REDACTED);
  return out;
}
