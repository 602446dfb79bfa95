/**
 * Loading and validating `locomo10.json` into a typed {@link LocomoDataset} (the shape checks
 * are `validate_locomo.ts`'s; this file reads the bytes, reports JSON syntax errors and converts).
 *
 * @module
 */

import { createHash } from "node:crypto";
import { basename } from "node:path";
import { LocomoFormatError } from "./errors.ts";
import { jsonErrorOffset } from "./json_error_offset.ts";
import { describeValue, formatJsonPath, hasPath, valueAt } from "./json_path.ts";
import { DIA_ID_PATTERN, type RawSample, SESSION_KEY, sessionSchema } from "./schema.ts";
import { parseSessionDate } from "./session_date.ts";
import type {
  Conversation,
  LocomoDataset,
  Observation,
  Question,
  Session,
  SessionSummary,
} from "./types.ts";
import { validateLocomo } from "./validate_locomo.ts";

/** Options of {@link loadLocomo}. */
export type LoadLocomoOptions = NonNullable<Parameters<typeof loadLocomo>[1]>;

/** Options of {@link parseLocomo}. */
export type ParseLocomoOptions = NonNullable<Parameters<typeof parseLocomo>[1]>;

/**
 * Reads and validates a LOCOMO file (`locomo10.json`) into a typed dataset.
 *
 * @example
 * ```ts ignore
 * const data = await loadLocomo("data/locomo10.json");
 * console.log(data.conversations.length, data.questions.length); // 10 1986
 * ```
 *
 * @throws {LocomoFormatError} when the file is empty, not JSON, truncated or not LOCOMO-shaped;
 *   the error names the file, the JSON path (or line and column), the sample id, what was
 *   expected and what was found.
 */
export async function loadLocomo(
  path: string,
  options: {
    /** Reads the file. Default: `Deno.readFile`. */
    readFile?: (path: string) => Promise<Uint8Array>;
  } = {},
): Promise<LocomoDataset> {
  const readFile = options.readFile ?? Deno.readFile;
  const bytes = await readFile(path);
  return parseLocomoBytes(bytes, path);
}

/**
 * Validates LOCOMO JSON text (already read) into a typed dataset. See {@link loadLocomo}.
 *
 * @throws {LocomoFormatError} when the text is not a valid LOCOMO file.
 */
export function parseLocomo(
  text: string,
  options: {
    /** The name used in error messages and in `source.file`. Default: `"locomo10.json"`. */
    file?: string;
  } = {},
): LocomoDataset {
  return parseLocomoBytes(new TextEncoder().encode(text), options.file ?? "locomo10.json");
}

function parseLocomoBytes(bytes: Uint8Array, file: string): LocomoDataset {
  const fail = (
    fields: Omit<ConstructorParameters<typeof LocomoFormatError>[0], "file">,
    options?: ErrorOptions,
  ) => new LocomoFormatError({ file, ...fields }, options);
  if (bytes.length === 0) {
    throw fail({ path: "", expected: "a JSON array of LOCOMO samples", found: "an empty file" });
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (cause) {
    throw fail({ path: "", expected: "UTF-8 text", found: "bytes that are not UTF-8" }, {
      cause,
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    const { line, column, truncated } = syntaxErrorPosition(text, cause);
    throw fail({
      path: "",
      line,
      column,
      expected: "valid JSON",
      found: truncated
        ? "the end of the file (the file is truncated)"
        : `a JSON syntax error (${syntaxErrorDetail(cause)})`,
    }, { cause });
  }
  const problems = validateLocomo(raw);
  if (problems.length > 0) {
    const first = problems[0]!;
    const sampleIndex = first.path[0];
    const sid = typeof sampleIndex === "number"
      ? valueAt(raw, [sampleIndex, "sample_id"])
      : undefined;
    throw fail({
      path: formatJsonPath(first.path),
      sampleId: typeof sid === "string" ? sid : undefined,
      expected: first.expected,
      found: describeValue(valueAt(raw, first.path), hasPath(raw, first.path)),
      problemCount: problems.length,
    });
  }
  const samples = raw as RawSample[];
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const conversations = samples.map(toConversation);
  const questions = samples.flatMap(toQuestions);
  return { conversations, questions, source: { file: basename(file), sha256 } };
}

/** V8's message without its quote of the file (which may hold newlines) or its position. */
function syntaxErrorDetail(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause);
  return message
    .replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, "")
    .replace(/ in JSON at position \d+.*$/s, "")
    .replace(/\s+/g, " ");
}

function syntaxErrorPosition(
  text: string,
  cause: unknown,
): { line: number; column: number; truncated: boolean } {
  const message = cause instanceof Error ? cause.message : String(cause);
  const m = /position (\d+)/.exec(message);
  // V8 gives no position for "Unexpected token" and "Unexpected end of JSON input": find it.
  const found = m ? Number(m[1]) : jsonErrorOffset(text);
  const position = found < 0 ? text.length : found;
  const truncated = position >= text.trimEnd().length;
  const before = text.slice(0, position);
  const line = before.split("\n").length;
  const column = position - before.lastIndexOf("\n");
  return { line, column, truncated };
}

function toConversation(sample: RawSample): Conversation {
  const conv = sample.conversation as Record<string, unknown>;
  const sessions: Session[] = [];
  for (const [key, value] of Object.entries(conv)) {
    const m = SESSION_KEY.exec(key);
    if (!m || !Array.isArray(value) || value.length === 0) continue;
    const dateTime = conv[`${key}_date_time`] as string;
    const turns = sessionSchema.parse(value).map((t) => ({
      speaker: t.speaker,
      diaId: t.dia_id,
      text: t.text,
      ...(t.blip_caption ? { imageCaption: t.blip_caption } : {}),
      ...(t.img_url && t.img_url.length > 0 ? { imageUrls: t.img_url } : {}),
      ...(t.query ? { imageQuery: t.query } : {}),
    }));
    sessions.push({ index: Number(m[1]), dateTime, date: parseSessionDate(dateTime)!, turns });
  }
  sessions.sort((a, b) => a.index - b.index);
  const observations: Observation[] = [];
  for (const [key, bySpeaker] of Object.entries(sample.observation ?? {})) {
    const session = Number(/^session_(\d+)/.exec(key)?.[1] ?? NaN);
    if (!Number.isFinite(session)) continue;
    for (const [speaker, facts] of Object.entries(bySpeaker)) {
      for (const [text, ids] of facts) {
        observations.push({ session, speaker, text, diaIds: normaliseEvidence([ids].flat()) });
      }
    }
  }
  const sessionSummaries: SessionSummary[] = [];
  for (const [key, text] of Object.entries(sample.session_summary ?? {})) {
    const session = Number(/^session_(\d+)/.exec(key)?.[1] ?? NaN);
    if (Number.isFinite(session)) sessionSummaries.push({ session, text });
  }
  sessionSummaries.sort((a, b) => a.session - b.session);
  return {
    sampleId: sample.sample_id,
    speakerA: sample.conversation.speaker_a,
    speakerB: sample.conversation.speaker_b,
    sessions,
    observations,
    sessionSummaries,
  };
}

function toQuestions(sample: RawSample): Question[] {
  return sample.qa.map((qa, index) => {
    const q: Question = {
      id: `${sample.sample_id}:q${index}`,
      sampleId: sample.sample_id,
      question: qa.question,
      answer: qa.answer ?? null,
      category: qa.category as Question["category"],
      evidence: normaliseEvidence(qa.evidence),
    };
    if (typeof qa.adversarial_answer === "string") q.adversarialAnswer = qa.adversarial_answer;
    return q;
  });
}

/**
 * Normalises LOCOMO evidence lists: ids joined by `;` or spaces are split, `D:11:26` is read as
 * `D11:26`, unreadable entries such as `D` are dropped, duplicates removed (first kept).
 */
export function normaliseEvidence(evidence: readonly string[]): string[] {
  const out: string[] = [];
  for (const entry of evidence) {
    for (const m of entry.matchAll(/D\s*:?\s*(\d+)\s*:\s*(\d+)/g)) {
      const id = `D${Number(m[1])}:${Number(m[2])}`;
      if (DIA_ID_PATTERN.test(id) && !out.includes(id)) out.push(id);
    }
  }
  return out;
}
