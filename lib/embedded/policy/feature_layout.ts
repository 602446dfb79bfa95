/**
 * The names and groups of the policy's features, in weight order. Groups are the unit of
 * ablation: a disabled group's features are always 0.
 *
 * @module
 */

import { QUESTION_TYPES } from "./question_type.ts";

/** Feature groups of the span choice, with their feature names. */
export const SPAN_GROUPS: Readonly<Record<string, readonly string[]>> = {
  overlap: ["line_overlap_idf", "line_overlap_frac", "line_is_best"],
  rank: ["rank_inv", "rank_top"],
  answer_type: ["type_fits", "date_misfit", "when_not_date", "entity_fits", "date_superseded"],
  sentence: ["sent_overlap_idf", "sent_is_best", "window_overlap_idf", "match_before_3"],
  proximity: ["proximity", "follows_match", "precedes_match"],
  repeat: ["repeats_question", "all_repeat", "novel_words"],
  length: ["len_1", "len_2", "len_3", "len_4plus"],
  kind: ["kind_day", "kind_month", "kind_year", "kind_relative", "kind_speaker"],
  shape: [
    "capitalised",
    "has_number",
    "ends_clause",
    "after_function_word",
    "in_caption",
    "sentence_initial",
  ],
  speaker: ["speaker_named", "speaker_other"],
  phrase: [
    "inner_comma",
    "has_pronoun",
    "inner_stop_frac",
    "after_match_stops",
    "before_match_stops",
    "names_question_person",
    "left_boundary",
    "right_boundary",
    "whole_chunk",
  ],
  yesno: ["answer_yes"],
};

/** Feature groups of the answer-or-abstain decision (weight > 0 favours answering). */
export const DECISION_GROUPS: Readonly<Record<string, readonly string[]>> = {
  bias: ["bias"],
  decision_overlap: [
    "max_overlap_idf",
    "top_line_overlap_idf",
    "coverage",
    "max_overlap_frac",
    "max_sent_overlap",
  ],
  decision_speaker: ["names_speaker", "best_line_other_speaker", "named_speaker_absent_top3"],
  decision_subject: [
    "one_name",
    "named_minus_other",
    "other_line_best",
    "about_other",
    "about_margin",
    "named_top3",
    "overlap_margin",
  ],
  decision_type: QUESTION_TYPES.map((q) => `q_${q}`),
};

/** Every span feature name in weight order. */
export const SPAN_FEATURES: readonly string[] = Object.values(SPAN_GROUPS).flat();

/** Every decision feature name in weight order. */
export const DECISION_FEATURES: readonly string[] = Object.values(DECISION_GROUPS).flat();

/** Every feature group name (span and decision). */
export const FEATURE_GROUPS: readonly string[] = [
  ...Object.keys(SPAN_GROUPS),
  ...Object.keys(DECISION_GROUPS),
];

/** Index of a span feature by name. */
export const SPAN_INDEX: ReadonlyMap<string, number> = new Map(
  SPAN_FEATURES.map((name, i) => [name, i]),
);

/** Index of a decision feature by name. */
export const DECISION_INDEX: ReadonlyMap<string, number> = new Map(
  DECISION_FEATURES.map((name, i) => [name, i]),
);

/** A mask (1 = enabled, 0 = disabled) over `names` for the disabled groups. */
export function featureMask(
  groups: Readonly<Record<string, readonly string[]>>,
  disabled: readonly string[],
): Float64Array {
  const names = Object.values(groups).flat();
  const mask = new Float64Array(names.length).fill(1);
  let i = 0;
  for (const [group, members] of Object.entries(groups)) {
    for (let k = 0; k < members.length; k++, i++) if (disabled.includes(group)) mask[i] = 0;
  }
  return mask;
}
