/**
 * The rules a setting's value must follow (type, range, choices) and their one check, shared by
 * the training settings table and the flags of every command. Messages name the flag:
 * `--beta must be ≥ 0; got -1`.
 *
 * @module
 */

/** How a value is typed (on the command line: how its text is parsed). */
export type SettingType = "int" | "number" | "string" | "boolean";

/** The values a setting allows. */
export interface ValueRule {
  /** Its type. */
  type: SettingType;
  /** Smallest allowed number (inclusive). Default: none. */
  min?: number;
  /** A number must be greater than this. Default: none. */
  above?: number;
  /** Allowed strings. Default: any. */
  choices?: readonly string[];
  /** A string must not be empty. Default: `false`. */
  nonEmpty?: boolean;
  /** `undefined` is allowed (no value). Default: `false`. */
  optional?: boolean;
}

/** A setting's value breaks its rule; the message names the flag. */
export class SettingError extends RangeError {
  /** The flag, with dashes (`--beta`). */
  readonly flag: string;
  /** The rejected value. */
  readonly value: unknown;

  /** Builds the error. */
  constructor(flag: string, value: unknown, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "SettingError";
    this.flag = flag;
    this.value = value;
  }
}

/** The rule in words, for `--help`: `integer ≥ 1`, `> 0`, `one of f1, llm, both` (or `""`). */
export function describeRule(rule: ValueRule): string {
  if (rule.choices) return `one of ${rule.choices.join(", ")}`;
  const kind = rule.type === "int" ? "integer" : rule.type === "number" ? "number" : "";
  const bound = rule.min !== undefined
    ? `≥ ${rule.min}`
    : rule.above !== undefined
    ? `> ${rule.above}`
    : "";
  if (rule.type === "string" || rule.type === "boolean") return "";
  return [kind, bound].filter((s) => s !== "").join(" ");
}

/**
 * Checks `value` against `rule`.
 *
 * @throws {SettingError} naming `flag`, the rule and the value.
 */
export function checkValue(flag: string, rule: ValueRule, value: unknown): void {
  const fail = (what: string) => {
    throw new SettingError(flag, value, `${flag} must be ${what}; got ${show(value)}`);
  };
  if (value === undefined) {
    if (!rule.optional) fail(`given (${describeRule(rule) || rule.type})`);
    return;
  }
  if (rule.type === "boolean") {
    if (typeof value !== "boolean") fail("true or false");
  } else if (rule.type === "string") {
    if (typeof value !== "string") fail("a string");
    if (rule.nonEmpty && value === "") fail("a non-empty string");
    if (rule.choices && !rule.choices.includes(value as string)) {
      fail(`one of ${rule.choices.join(", ")}`);
    }
  } else {
    const int = rule.type === "int";
    if (typeof value !== "number" || !Number.isFinite(value)) fail(int ? "an integer" : "a number");
    if (int && !Number.isSafeInteger(value)) fail("an integer");
    const n = value as number;
    const noun = int ? "an integer " : "";
    if (rule.min !== undefined && n < rule.min) fail(`${noun}≥ ${rule.min}`);
    if (rule.above !== undefined && n <= rule.above) fail(`${noun}> ${rule.above}`);
  }
}

function show(value: unknown): string {
  return typeof value === "number" || typeof value === "boolean"
    ? String(value)
    : JSON.stringify(value) ?? String(value);
}
