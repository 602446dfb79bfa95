/**
 * Feature extraction: from the prompt messages to the candidates, one feature row per candidate
 * (the span choice; `Yes`/`No` follow the spans on a yes/no question) and one feature vector for
 * the answer-or-abstain decision and the answer form.
 *
 * @module
 */

import { porterStem, STOPWORDS, words } from "../../text/mod.ts";
import type { ChatMessage } from "../../protocol/mod.ts";
import {
  type Candidate,
  enumerateCandidates,
  tokeniseLines,
  yesNoCandidates,
} from "./candidates.ts";
import { DECISION_FEATURES, DECISION_INDEX, SPAN_FEATURES, SPAN_INDEX } from "./feature_layout.ts";
import { isCapitalised, isNumberToken, type LineToken, normWord } from "./line_tokens.ts";
import { readPrompt } from "./prompt_reader.ts";
import { questionType } from "./question_type.ts";
import { lineSubject, subjectCues } from "./line_subject.ts";
import { lineSentences, type QuestionTerms, windowOverlap } from "./sentence_overlap.ts";

/** What feature extraction needs (resolved from the policy options). */
export interface FeatureConfig {
  /** Longest word span. */
  maxSpanLength: number;
  /** Most candidates per prompt. */
  maxCandidates: number;
  /** Whether relative time words become date candidates. */
  relativeDates: boolean;
  /** 1/0 mask over span features (ablation). */
  spanMask: Float64Array;
  /** 1/0 mask over decision features (ablation). */
  decisionMask: Float64Array;
  /** Whether the yes/no answers are offered (feature group `yesno` not disabled). */
  yesNo: boolean;
}

/** The features of one prompt. */
export interface PromptFeatures {
  /** The candidate answers, in enumeration order (the greedy tie-break order). */
  candidates: Candidate[];
  /**
   * How many of the candidates are word spans, dates and speakers (the span form); the rest are
   * the yes/no answers (the yes/no form).
   */
  spanCount: number;
  /** Row-major `candidates.length × SPAN_FEATURES.length` span features. */
  span: Float64Array;
  /** The decision features. */
  decision: Float64Array;
}

const S = (name: string): number => SPAN_INDEX.get(name)!;
const D = (name: string): number => DECISION_INDEX.get(name)!;

/** Questions asking for a name: "what is the name of…", "which song…". */
const ASKS_NAME =
  /\bname\b|^(which|what) (\w+ )?(song|book|movie|film|game|band|club|team|city|country)\b/i;

const DATE_KINDS = new Set(["day", "month", "year", "relative"]);

/** Personal pronouns: answers are things, names and dates, not "I" or "you". */
const PRONOUNS = new Set([
  "i",
  "me",
  "my",
  "you",
  "your",
  "we",
  "our",
  "us",
  "he",
  "she",
  "him",
  "her",
  "they",
  "them",
  "it",
  "im",
  "ive",
  "youre",
]);

/**
 * Whether only stopwords lie between the nearest question word before (`dir` −1) or after
 * (`dir` +1) the span and the span, within four tokens ("learning to play the | drums").
 */
function matchAcrossStops(
  tokens: readonly LineToken[],
  start: number,
  end: number,
  dir: 1 | -1,
  isMatch: (t: LineToken) => boolean,
): boolean {
  for (let k = 1, i = dir < 0 ? start - 1 : end; k <= 4 && i >= 0 && i < tokens.length; k++) {
    const t = tokens[i]!;
    if (isMatch(t)) return true;
    if (!t.stop || (dir < 0 ? t.sentenceEnd : tokens[i - 1]?.sentenceEnd)) return false;
    i += dir;
  }
  return false;
}

/**
 * Whether a candidate has the answer type its question asks for: a date for `when`, a number
 * for `how many/much/long`, a name (capitalised span or a speaker) for `who` and `where`.
 */
function answerTypeFit(
  qType: string,
  kind: string,
  props: Readonly<Record<string, number>>,
): { fits: boolean; date: boolean } {
  const date = DATE_KINDS.has(kind);
  const name = (props.capitalised ?? 0) > 0 || kind === "speaker";
  const fits = (qType === "when" && date) || (qType === "howmany" && (props.number ?? 0) > 0) ||
    ((qType === "who" || qType === "where") && name);
  return { fits, date };
}

/**
 * Computes the candidates and features of a prompt. Never throws on malformed messages: a prompt
 * without lines has no candidates (the policy then always abstains).
 */
export function promptFeatures(
  messages: readonly ChatMessage[],
  config: FeatureConfig,
): PromptFeatures {
  const read = readPrompt(messages);
  const lines = tokeniseLines(read.lines);
  const qType = questionType(read.question);
  const spans = enumerateCandidates(lines, config);
  const spanCount = spans.length;
  const yesNo = config.yesNo && spanCount > 0 && qType === "yesno";
  const candidates = yesNo ? [...spans, ...yesNoCandidates()] : spans;
  const speakers = new Set(lines.filter((l) => l.speaker !== "").map((l) => normWord(l.speaker)));
  const qWords = words(read.question);
  const names = new Set(qWords.filter((w) => speakers.has(w)));
  const content = [
    ...new Set(qWords.filter((w) => !STOPWORDS.has(w) && !names.has(w)).map(porterStem)),
  ];
  const allQ = new Set([...content, ...[...names].map(porterStem)]);
  const lineStems = lines.map((l) => new Set(l.tokens.filter((t) => !t.stop).map((t) => t.stem)));
  const df = content.map((t) => lineStems.filter((s) => s.has(t)).length);
  const idf = df.map((d) => 1 + Math.log((lines.length + 1) / (d + 1)));
  const idfTotal = idf.reduce((a, b) => a + b, 0);
  const overlapIdf = lineStems.map((s) =>
    idfTotal === 0 ? 0 : content.reduce((a, t, i) => a + (s.has(t) ? idf[i]! : 0), 0) / idfTotal
  );
  const overlapFrac = lineStems.map((s) =>
    content.length === 0 ? 0 : content.filter((t) => s.has(t)).length / content.length
  );
  const terms: QuestionTerms = {
    weight: new Map(content.map((t, i) => [t, idf[i]!])),
    total: idfTotal,
  };
  const sentences = lines.map((l) => lineSentences(l.tokens, terms));
  const lineSentMax = sentences.map((s) => Math.max(0, ...s.overlap));
  const maxSent = Math.max(0, ...lineSentMax);
  const maxOverlap = Math.max(0, ...overlapIdf);
  const best = overlapIdf.indexOf(maxOverlap);
  const named = lines.map((l) => names.has(normWord(l.speaker)));
  const other = lines.map((l, i) => names.size > 0 && l.speaker !== "" && !named[i]);
  const matched = lines.map((l) => l.tokens.flatMap((t, i) => (allQ.has(t.stem) ? [i] : [])));
  const asksName = ASKS_NAME.test(read.question);
  const hasRelative = new Set(candidates.filter((c) => c.kind === "relative").map((c) => c.line));

  const width = SPAN_FEATURES.length;
  const span = new Float64Array(candidates.length * width);
  const yes = config.spanMask[S("answer_yes")]!;
  if (yesNo) span[spanCount * width + S("answer_yes")] = yes; // YES_NO_ANSWERS[0]
  for (let c = 0; c < spanCount; c++) {
    const cand = candidates[c]!;
    const line = lines[cand.line]!;
    const row = c * width;
    const set = (name: string, value: number) => (span[row + S(name)] = value);
    set("line_overlap_idf", overlapIdf[cand.line]!);
    set("line_overlap_frac", overlapFrac[cand.line]!);
    set("line_is_best", maxOverlap > 0 && overlapIdf[cand.line] === maxOverlap ? 1 : 0);
    set("rank_inv", 1 / (1 + line.rank));
    set("rank_top", line.rank === 0 ? 1 : 0);
    set("speaker_named", named[cand.line] ? 1 : 0);
    set("speaker_other", other[cand.line] ? 1 : 0);
    const sents = sentences[cand.line]!;
    const sent = cand.start >= 0
      ? sents.overlap[sents.sentenceOf[cand.start]!]!
      : lineSentMax[cand.line]!;
    set("sent_overlap_idf", sent);
    set("sent_is_best", maxSent > 0 && sent === maxSent ? 1 : 0);
    const props: Record<string, number> = {};
    if (cand.kind !== "span") set(`kind_${cand.kind}`, 1);
    if (cand.start >= 0) {
      const toks = line.tokens.slice(cand.start, cand.end);
      const content = toks.filter((t) => !t.stop);
      const len = cand.end - cand.start;
      let before = Infinity;
      let after = Infinity;
      for (const p of matched[cand.line]!) {
        if (p < cand.start) before = Math.min(before, cand.start - p - 1);
        else if (p >= cand.end) after = Math.min(after, p - cand.end);
      }
      const gap = Math.min(before, after);
      const proximity = gap === Infinity ? 0 : Math.exp(-gap / 3);
      const prev = line.tokens[cand.start - 1];
      const last = toks[toks.length - 1]!;
      const initial = prev === undefined || prev.sentenceEnd;
      const caps = content.length > 0 && content.every(isCapitalised) && !(initial && len === 1);
      const number = toks.some(isNumberToken);
      set("proximity", proximity);
      set("window_overlap_idf", windowOverlap(line.tokens, cand.start, cand.end, 4, terms));
      set("match_before_3", before <= 2 ? 1 : 0);
      set("follows_match", before <= 1 ? 1 : 0);
      set("precedes_match", after <= 1 ? 1 : 0);
      const repeated = content.filter((t) => allQ.has(t.stem)).length;
      set("repeats_question", repeated / content.length);
      set("all_repeat", repeated === content.length ? 1 : 0);
      set("novel_words", Math.min(3, content.length - repeated) / 3);
      if (cand.kind === "span") set(len >= 4 ? "len_4plus" : `len_${len}`, 1);
      set("capitalised", caps ? 1 : 0);
      set("has_number", number ? 1 : 0);
      set(
        "ends_clause",
        last.sentenceEnd || last.commaAfter || cand.end === line.tokens.length ? 1 : 0,
      );
      set("after_function_word", prev !== undefined && prev.stop ? 1 : 0);
      set("in_caption", toks[0]!.inCaption ? 1 : 0);
      set("sentence_initial", initial ? 1 : 0);
      set("inner_comma", toks.slice(0, -1).some((t) => t.commaAfter) ? 1 : 0);
      set("has_pronoun", toks.some((t) => PRONOUNS.has(t.norm)) ? 1 : 0);
      set("inner_stop_frac", (len - content.length) / len);
      // A chunk: the words between stopwords or punctuation ("bottle caps", "voice chat").
      const next = line.tokens[cand.end];
      const left = initial || prev!.stop || prev!.commaAfter;
      const right = next === undefined || last.sentenceEnd || last.commaAfter || next.stop;
      set("left_boundary", left ? 1 : 0);
      set("right_boundary", right ? 1 : 0);
      set("whole_chunk", left && right && content.length === len ? 1 : 0);
      const isMatch = (t: LineToken) => allQ.has(t.stem) && !t.stop;
      set(
        "after_match_stops",
        matchAcrossStops(line.tokens, cand.start, cand.end, -1, isMatch) ? 1 : 0,
      );
      set(
        "before_match_stops",
        matchAcrossStops(line.tokens, cand.start, cand.end, 1, isMatch) ? 1 : 0,
      );
      Object.assign(props, { number: number ? 1 : 0, capitalised: caps ? 1 : 0 });
    }
    if (cand.kind === "speaker" && names.has(normWord(cand.text))) {
      set("names_question_person", 1);
    }
    const fit = answerTypeFit(qType, cand.kind, props);
    set("type_fits", fit.fits ? 1 : 0);
    set("date_misfit", fit.date && qType !== "when" ? 1 : 0);
    set("when_not_date", !fit.date && qType === "when" ? 1 : 0);
    set("entity_fits", asksName && (props.capitalised ?? 0) > 0 ? 1 : 0);
    set(
      "date_superseded",
      fit.date && cand.kind !== "relative" && hasRelative.has(cand.line) ? 1 : 0,
    );
    for (let f = 0; f < width; f++) span[row + f]! *= config.spanMask[f]!;
  }

  const decision = new Float64Array(DECISION_FEATURES.length);
  const top3 = named.slice(0, 3);
  decision[D("bias")] = 1;
  decision[D("max_overlap_idf")] = maxOverlap;
  decision[D("top_line_overlap_idf")] = overlapIdf[0] ?? 0;
  decision[D("coverage")] = content.length === 0
    ? 0
    : df.filter((d) => d > 0).length / content.length;
  decision[D("max_overlap_frac")] = Math.max(0, ...overlapFrac);
  decision[D("max_sent_overlap")] = maxSent;
  decision[D("names_speaker")] = names.size > 0 ? 1 : 0;
  decision[D("best_line_other_speaker")] = best >= 0 && other[best] ? 1 : 0;
  decision[D("named_speaker_absent_top3")] = names.size > 0 && !top3.some((n) => n) ? 1 : 0;
  const oneName = names.size === 1;
  const cues = subjectCues(
    overlapIdf,
    named,
    lines.map((l, i) => lineSubject(l.tokens, named[i]!, names)),
    oneName,
  );
  const sorted = [...overlapIdf].sort((a, b) => b - a);
  decision[D("one_name")] = oneName ? 1 : 0;
  decision[D("named_minus_other")] = 3 * cues.namedMinusOther;
  decision[D("other_line_best")] = cues.otherBest;
  decision[D("about_other")] = 3 * cues.aboutOther;
  decision[D("about_margin")] = 3 * cues.aboutMargin;
  decision[D("named_top3")] = cues.namedTop3;
  decision[D("overlap_margin")] = (sorted[0] ?? 0) - (sorted[1] ?? 0);
  decision[D(`q_${qType}`)] = 1;
  for (let f = 0; f < decision.length; f++) decision[f]! *= config.decisionMask[f]!;
  return { candidates, spanCount, span, decision };
}
