/**
 * Locating the first syntax error in JSON text (V8's `JSON.parse` names no position for
 * "Unexpected token" and "Unexpected end of JSON input").
 *
 * @module
 */

const LITERALS: Record<string, string> = { t: "true", f: "false", n: "null" };
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// JSON strings may not hold raw control characters (U+0000–U+001F).
// deno-lint-ignore no-control-regex
const STRING_BODY = /(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*/y;

/**
 * The offset (in UTF-16 code units) of the first character at which `text` stops being valid
 * JSON; `text.length` when it ends too early; `-1` when it is valid JSON.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { jsonErrorOffset } from "./json_error_offset.ts";
 * assert.ok(jsonErrorOffset("[1, 2, x]") === 7);
 * assert.ok(jsonErrorOffset("[1, 2") === 5);
 * ```
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const stack: string[] = [];
  const skipWs = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const sticky = (re: RegExp): boolean => {
    re.lastIndex = i;
    if (!re.test(text)) return false;
    i = re.lastIndex;
    return true;
  };
  const string = (): boolean => {
    if (text[i] !== '"') return false;
    i++;
    sticky(STRING_BODY);
    if (text[i] === "\\") i++; // a bad escape: point at the character after the backslash
    if (text[i] !== '"') return false;
    i++;
    return true;
  };
  const key = (): boolean => {
    skipWs();
    if (!string()) return false;
    skipWs();
    if (text[i] !== ":") return false;
    i++;
    return true;
  };
  for (;;) {
    // Expect a value at i.
    skipWs();
    const c = text[i];
    if (c === "{" || c === "[") {
      i++;
      skipWs();
      if (text[i] === (c === "{" ? "}" : "]")) i++;
      else {
        stack.push(c);
        if (c === "{" && !key()) return i;
        continue;
      }
    } else if (c === '"') {
      if (!string()) return i;
    } else if (c !== undefined && /[-\d]/.test(c)) {
      if (!sticky(NUMBER)) return text[i] === "-" ? i + 1 : i;
    } else if (c !== undefined && c in LITERALS) {
      for (const ch of LITERALS[c]!) {
        if (text[i] !== ch) return i;
        i++;
      }
    } else return i;
    // After a value: close containers or expect the next element.
    for (;;) {
      skipWs();
      const top = stack[stack.length - 1];
      if (top === undefined) return i < text.length ? i : -1;
      if (text[i] === ",") {
        i++;
        if (top === "{" && !key()) return i;
        break;
      }
      if (text[i] !== (top === "{" ? "}" : "]")) return i;
      i++;
      stack.pop();
    }
  }
}
