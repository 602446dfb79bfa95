/**
 * A command's flags as one table, turned into `node:util` `parseArgs` options, typed values, the
 * set of flags the user typed, and `--help` lines. Every command (`train`, `demo`, `evaluate`)
 * defines its flags once with this. Negative numbers work with or without `=`: in
 * `--beta -1` the `-1` is the value of `--beta`, not an option.
 *
 * @module
 */

import { parseArgs } from "node:util";
import {
  checkValue,
  describeRule,
  type SettingType,
  type ValueRule,
} from "../grpo/setting_rules.ts";
import { UsageError } from "./run_cli.ts";

/** One flag of a command. */
export interface FlagSpec {
  /** The flag without dashes, e.g. `num-test`. */
  name: string;
  /** The key of its value in the parsed result. */
  key: string;
  /** How its text is parsed. */
  type: SettingType;
  /** Its default (`undefined`: none). */
  default?: unknown;
  /** One-line help. */
  help: string;
  /** Checked here, at parse time, when given. Default: none (the caller checks). */
  rule?: ValueRule;
  /** Allowed range in `--help` words. Default: from `rule`. */
  range?: string;
  /** The value's name in `--help`. Default: `N` for numbers, `VALUE` for strings. */
  arg?: string;
  /** Repeatable: the value is a list of strings. Default: `false`. */
  multiple?: boolean;
  /** One-letter alias. Default: none. */
  short?: string;
}

/** The `--help` / `-h` flag every command takes. */
export const HELP_FLAG: FlagSpec = {
  name: "help",
  key: "help",
  type: "boolean",
  short: "h",
  default: false,
  help: "show this help",
};

/** What {@link parseFlags} returns. */
export interface ParsedFlags {
  /** Every flag's value by key (its default when not typed). */
  values: Record<string, unknown>;
  /** The keys of flags the user typed (for `--resume`: only these count). */
  given: Set<string>;
}

const NUMBER_LIKE = /^-(\d|\.\d|Infinity$)/;

/** Joins `--flag -3` into `--flag=-3` for value-taking flags (parseArgs reads `-3` as an option). */
function joinNegativeValues(args: readonly string[], specs: readonly FlagSpec[]): string[] {
  const takesValue = new Set(specs.filter((s) => s.type !== "boolean").map((s) => `--${s.name}`));
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = args[i + 1];
    if (arg === "--") {
      out.push(...args.slice(i));
      break;
    }
    if (takesValue.has(arg) && next !== undefined && NUMBER_LIKE.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

function convert(spec: FlagSpec, raw: string): unknown {
  if (spec.type === "string") return raw;
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n)) {
    throw new UsageError(`--${spec.name} must be a number; got ${JSON.stringify(raw)}`);
  }
  if (spec.type === "int" && !Number.isSafeInteger(n)) {
    throw new UsageError(`--${spec.name} must be an integer; got ${JSON.stringify(raw)}`);
  }
  return n;
}

/**
 * Parses `args` against `specs`: unknown flags, stray arguments, text that is not a number and
 * values outside a spec's `rule` fail with a {@link UsageError} naming the flag. Booleans also
 * take `--no-<name>`.
 *
 * @throws {UsageError} as above.
 */
export function parseFlags(args: readonly string[], specs: readonly FlagSpec[]): ParsedFlags {
  const options: Record<
    string,
    { type: "string" | "boolean"; multiple?: boolean; short?: string }
  > = {};
  for (const s of specs) {
    options[s.name] = {
      type: s.type === "boolean" ? "boolean" : "string",
      ...(s.multiple ? { multiple: true } : {}),
      ...(s.short ? { short: s.short } : {}),
    };
    if (s.type === "boolean") options[`no-${s.name}`] = { type: "boolean" };
  }
  let raw: Record<string, string | boolean | string[] | undefined>;
  try {
    raw = parseArgs({ args: joinNegativeValues(args, specs), options, strict: true })
      .values as typeof raw;
  } catch (cause) {
    throw new UsageError((cause as Error).message, { cause });
  }
  const values: Record<string, unknown> = {};
  const given = new Set<string>();
  for (const s of specs) {
    let value: unknown = raw[s.name];
    if (s.type === "boolean" && raw[`no-${s.name}`]) value = false;
    if (value === undefined) {
      values[s.key] = s.multiple ? [...(s.default as string[] ?? [])] : s.default;
      continue;
    }
    given.add(s.key);
    if (s.multiple) value = (value as string[]).map((v) => convert(s, v));
    else if (s.type !== "boolean") value = convert(s, value as string);
    if (s.rule) {
      try {
        for (const v of s.multiple ? value as unknown[] : [value]) {
          checkValue(`--${s.name}`, s.rule, v);
        }
      } catch (cause) {
        throw new UsageError((cause as Error).message, { cause });
      }
    }
    values[s.key] = value;
  }
  return { values, given };
}

/** The `--help` lines of `specs`: flag, help, default and allowed range. */
export function formatFlags(specs: readonly FlagSpec[]): string[] {
  return specs.map((s) => {
    const arg = s.type === "boolean" ? "" : ` ${s.arg ?? (s.type === "string" ? "VALUE" : "N")}`;
    const flag = `${s.short ? `-${s.short}, ` : ""}--${s.name}${arg}`;
    const def = s.default === undefined || (s.multiple && (s.default as unknown[]).length === 0)
      ? ""
      : ` (default: ${s.default})`;
    const range = s.range ?? (s.rule ? describeRule(s.rule) : "");
    return `  ${flag.padEnd(34)} ${s.help}${def}${range ? ` [${range}]` : ""}`;
  });
}
