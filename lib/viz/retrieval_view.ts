/**
 * A notebook view of one retrieval: the retrieved turns in rank order, evidence highlighted.
 *
 * @module
 */

import type { MemoryUnit } from "../memory/memory_types.ts";
import type { RetrievalTrace } from "../memory/retrieval_trace.ts";
import { type DisplayBundle, escapeHtml, JUPYTER_DISPLAY, type View } from "./display_bundle.ts";

/** Options of {@link retrievalView}. */
export interface RetrievalViewOptions {
  /** The question's evidence dia_ids to highlight. Default: the trace's own evidence, if any. */
  evidence?: readonly string[];
  /** How many ranked units to show (integer ≥ 1). Default: 10. */
  limit?: number;
  /**
   * The memory's units, to show the text of evidence turns that were not retrieved.
   * Default: none (missed evidence is listed by dia_id only).
   */
  units?: readonly MemoryUnit[];
}

/** {@link RetrievalViewOptions} with every default filled in. */
export interface RetrievalViewConfig {
  /** Evidence dia_ids to highlight. */
  evidence: readonly string[];
  /** How many ranked units to show. */
  limit: number;
  /** Units to look missed evidence up in (may be empty). */
  units: readonly MemoryUnit[];
}

/**
 * Fills in the defaults of {@link RetrievalViewOptions} for `trace`.
 *
 * @throws {RangeError} when `limit` is not an integer ≥ 1.
 */
export function resolveRetrievalViewOptions(
  trace: RetrievalTrace,
  options: RetrievalViewOptions = {},
): RetrievalViewConfig {
  const limit = options.limit ?? 10;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`limit must be an integer ≥ 1, got ${limit}`);
  }
  return {
    evidence: options.evidence ?? trace.evidence?.ids ?? [],
    limit,
    units: options.units ?? [],
  };
}

/** One displayed row: a retrieved unit and whether it is evidence. */
export interface RetrievalRow {
  /** 1-based rank. */
  rank: number;
  /** The retriever's score. */
  score: number;
  /** The unit's dia_ids joined with commas. */
  diaIds: string;
  /** The session date, short. */
  date: string;
  /** The speaker, or an empty string. */
  speaker: string;
  /** The text (with an image caption, when the unit has one). */
  text: string;
  /** Whether the unit stands for one of the evidence turns. */
  evidence: boolean;
}

function unitText(unit: MemoryUnit): string {
  const caption = unit.imageCaption === undefined ? "" : ` [shares an image: ${unit.imageCaption}]`;
  return `${unit.text}${caption}`;
}

/** A retrieval shown as a ranked list (see {@link retrievalView}). */
export class RetrievalView implements View {
  /** The trace shown. */
  readonly trace: RetrievalTrace;
  /**
   * The resolved options (internal: the rendering reads them).
   *
   * @ignore
   */
  readonly config: RetrievalViewConfig;

  /** Makes a view of `trace`; prefer {@link retrievalView}. */
  constructor(trace: RetrievalTrace, options: RetrievalViewOptions = {}) {
    this.trace = trace;
    this.config = resolveRetrievalViewOptions(trace, options);
  }

  /** The rows shown, best first (at most `limit`). */
  rows(): RetrievalRow[] {
    const wanted = new Set(this.config.evidence);
    return this.trace.units.slice(0, this.config.limit).map(({ rank, score, unit }) => ({
      rank,
      score,
      diaIds: unit.diaIds.join(","),
      date: unit.sessionDate,
      speaker: unit.speaker ?? "",
      text: unitText(unit),
      evidence: unit.diaIds.some((id) => wanted.has(id)),
    }));
  }

  /** Evidence dia_ids not among the shown rows, in the given order. */
  missed(): string[] {
    const shown = new Set(this.rows().flatMap((r) => r.diaIds.split(",")));
    return [...new Set(this.config.evidence)].filter((id) => !shown.has(id));
  }

  /** The view as an HTML fragment; every piece of text from the data is escaped. */
  get html(): string {
    const rows = this.rows().map((r) => {
      const style = r.evidence ? ' style="background:#fff3bf;font-weight:600"' : "";
      const mark = r.evidence ? "★ " : "";
      return `<tr${style}><td style="text-align:right">${r.rank}</td>` +
        `<td style="text-align:right">${r.score.toFixed(2)}</td>` +
        `<td style="white-space:nowrap">${mark}${escapeHtml(r.diaIds)}</td>` +
        `<td style="white-space:nowrap">${escapeHtml(r.date)}</td>` +
        `<td>${escapeHtml(r.speaker)}</td><td style="text-align:left">${
          escapeHtml(r.text)
        }</td></tr>`;
    });
    const missed = missedLines(this).map(({ id, text }) =>
      `<li><b>${escapeHtml(id)}</b>${text === undefined ? "" : ` — ${escapeHtml(text)}`}</li>`
    );
    const missedHtml = missed.length === 0
      ? ""
      : `<p>Evidence not in the view:</p><ul>${missed.join("")}</ul>`;
    return `<div class="memgrpo-retrieval"><p><b>Q:</b> ${escapeHtml(this.trace.question)}<br>` +
      `<small>${escapeHtml(summary(this))} · ★ = evidence turn</small></p>` +
      `<table><thead><tr><th>rank</th><th>score</th><th>dia_id</th><th>date</th>` +
      `<th>speaker</th><th style="text-align:left">text</th></tr></thead><tbody>${
        rows.join("")
      }</tbody></table>` +
      `${missedHtml}</div>`;
  }

  /** The view as plain text; evidence rows are marked with `*`. */
  get text(): string {
    const lines = [`Q: ${this.trace.question}`, summary(this)];
    for (const r of this.rows()) {
      lines.push(
        `${r.evidence ? "*" : " "} ${String(r.rank).padStart(3)} ${
          r.score.toFixed(2).padStart(6)
        } ` +
          `${r.diaIds} ${r.speaker}: ${r.text.replace(/\s+/g, " ")}`,
      );
    }
    for (const { id, text } of missedLines(this)) {
      lines.push(`  missed ${id}${text === undefined ? "" : ` ${text.replace(/\s+/g, " ")}`}`);
    }
    return lines.join("\n");
  }

  /** The MIME bundle: `text/html` and `text/plain`. */
  [JUPYTER_DISPLAY](): DisplayBundle {
    return { "text/html": this.html, "text/plain": this.text };
  }
}

function summary(view: RetrievalView): string {
  const wanted = [...new Set(view.config.evidence)];
  const found = wanted.length - view.missed().length;
  const recall = wanted.length === 0
    ? "no evidence given"
    : `evidence in view ${found}/${wanted.length}`;
  const shown = Math.min(view.config.limit, view.trace.units.length);
  return `${view.trace.sampleId} · top ${shown} of ${view.trace.units.length} retrieved · ` +
    `${view.trace.tokens} tokens retrieved · ${recall}`;
}

function missedLines(view: RetrievalView): { id: string; text: string | undefined }[] {
  return view.missed().map((id) => {
    const unit = view.config.units.find((u) => u.diaIds.includes(id));
    return {
      id,
      text: unit === undefined ? undefined : `${unit.speaker ?? ""}: ${unitText(unit)}`,
    };
  });
}

/**
 * A view of a retrieval for notebooks: the retrieved units in rank order with their scores,
 * evidence turns highlighted (★, yellow), and the evidence turns that were not retrieved listed
 * below. All text from the data is HTML-escaped.
 *
 * @example
 * ```ts ignore
 * using memory = buildMemory(conversation);
 * const q = questions[0]!;
 * retrievalView(retrieve(memory, q.question, { k: 10, evidence: q.evidence }), {
 *   units: memory.units,
 * });
 * ```
 *
 * @throws {RangeError} on bad options (see {@link resolveRetrievalViewOptions}).
 */
export function retrievalView(
  trace: RetrievalTrace,
  options: RetrievalViewOptions = {},
): View {
  return new RetrievalView(trace, options);
}
