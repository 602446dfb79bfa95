/**
 * Arbor's names for GRPO runs: HEAD job ids and mid-2025 run (output folder) names.
 *
 * @module
 */

const ADJECTIVES = [
  "amber",
  "brave",
  "calm",
  "dapper",
  "eager",
  "fancy",
  "gentle",
  "happy",
  "jolly",
  "keen",
  "lively",
  "mellow",
  "nimble",
  "proud",
  "quick",
  "rapid",
  "shy",
  "tidy",
  "vivid",
  "witty",
];
const ANIMALS = [
  "otter",
  "badger",
  "crane",
  "dingo",
  "eagle",
  "ferret",
  "gecko",
  "heron",
  "ibis",
  "jackal",
  "koala",
  "lemur",
  "marten",
  "newt",
  "ocelot",
  "panda",
  "quail",
  "raven",
  "stoat",
  "tapir",
];

/** The lower-cased last path segment of a model name: `Qwen/Qwen2.5-3B` → `qwen2.5-3b`. */
export function modelBasename(model: string): string {
  const parts = model.replace(/[\\/]+$/, "").split(/[\\/]/);
  return (parts[parts.length - 1] ?? model).toLowerCase();
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** `YYYYMMDD` of a date (UTC). */
export function dayStamp(date: Date): string {
  return `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}`;
}

/** A two-word slug like coolname's (`brave-otter`), chosen by an integer. */
export function slugFor(index: number): string {
  const i = Math.abs(Math.trunc(index));
  const adjective = ADJECTIVES[i % ADJECTIVES.length];
  const animal = ANIMALS[Math.floor(i / ADJECTIVES.length) % ANIMALS.length];
  return `${adjective}-${animal}`;
}

/**
 * A HEAD job id: `grpo:<basename(model).lower()>:<run_name or slug>:<YYYYMMDD>` (UTC date).
 * The same run name on the same day gives the same id, as in Arbor; the embedded server's own
 * slugs carry a random suffix ({@link randomSlug}) so that its ids are unique per run.
 */
export function headJobId(model: string, runNameOrSlug: string, date: Date): string {
  return `grpo:${modelBasename(model)}:${runNameOrSlug}:${dayStamp(date)}`;
}

/**
 * A mid-2025 run name (the output folder's name):
 * `grpo:<basename(model).lower()>:<suffix>:<YYYYMMDD_HHMMSS>` (UTC).
 */
export function midRunName(model: string, suffix: string, date: Date): string {
  const time = `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`;
  return `grpo:${modelBasename(model)}:${suffix}:${dayStamp(date)}_${time}`;
}

/** A 6-character lower-case alphanumeric suffix chosen by an integer (mid-2025's random suffix). */
export function shortSuffixFor(index: number): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  let x = (Math.abs(Math.trunc(index)) * 2654435761 + 12345) >>> 0;
  let out = "";
  for (let i = 0; i < 6; i++) {
    out += alphabet[x % alphabet.length];
    x = Math.floor(x / alphabet.length) + (i + 1) * 7919;
  }
  return out;
}

/** A 6-character lower-case alphanumeric suffix drawn from the platform's CSPRNG. */
export function randomSuffix(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
}

/** A random two-word slug with a random suffix (`calm-crane-x7k2p9`): unique per run. */
export function randomSlug(): string {
  const index = crypto.getRandomValues(new Uint32Array(1))[0] ?? 0;
  return `${slugFor(index)}-${randomSuffix()}`;
}

/**
 * A portable folder name for a job id or run name: every character other than letters, digits,
 * `.`, `_` and `-` (e.g. Arbor's `:`, invalid on Windows) becomes `_`:
 * `grpo:qwen2.5-3b:calm-crane:20261206` → `grpo_qwen2.5-3b_calm-crane_20261206`.
 */
export function portableFolderName(id: string): string {
  const name = id.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^[._-]+/, "");
  return name.length > 0 ? name : "job";
}
