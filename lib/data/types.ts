/**
 * Typed LOCOMO dataset, as produced by {@link loadLocomo}.
 *
 * @module
 */

import type { CategoryId } from "./categories.ts";

/** One dialogue turn of a session. */
export interface Turn {
  /** Who spoke (one of the conversation's two speakers). */
  speaker: string;
  /** The turn id, `D<session>:<turn>`, e.g. `D1:3`. */
  diaId: string;
  /** What was said. */
  text: string;
  /** Caption of an image the speaker shared (LOCOMO's `blip_caption`), when there is one. */
  imageCaption?: string;
  /** Addresses of the shared images (LOCOMO's `img_url`), when given. */
  imageUrls?: string[];
  /** The search query that found the shared image (LOCOMO's `query`), when given. */
  imageQuery?: string;
}

/** One session of a conversation: turns on one date. */
export interface Session {
  /** The session number N of `session_N` (1-based, as in the file). */
  index: number;
  /** The date as written in the file, e.g. `1:56 pm on 8 May, 2023`. */
  dateTime: string;
  /** The same moment as an ISO 8601 local date-time without zone, e.g. `2023-05-08T13:56:00`. */
  date: string;
  /** The session's turns in file order. */
  turns: Turn[];
}

/** One LOCOMO conversation between two speakers. */
export interface Conversation {
  /** The sample id, e.g. `conv-26`. */
  sampleId: string;
  /** The first speaker (`speaker_a`). */
  speakerA: string;
  /** The second speaker (`speaker_b`). */
  speakerB: string;
  /** Non-empty sessions, sorted by session number. */
  sessions: Session[];
  /**
   * Generated facts about each session (LOCOMO's `observation`; an opt-in memory source, never
   * used by default), each with the turns it cites.
   */
  observations: {
    /** The session number. */
    session: number;
    /** The speaker the fact is about. */
    speaker: string;
    /** The fact, written by the dataset's authors (generated, not dialogue). */
    text: string;
    /** The turn ids the fact cites. */
    diaIds: string[];
  }[];
  /**
   * Generated per-session summaries (LOCOMO's `session_summary`; an opt-in memory source, never
   * used by default).
   */
  sessionSummaries: {
    /** The session number. */
    session: number;
    /** The summary text, written by the dataset's authors (generated, not dialogue). */
    text: string;
  }[];
}

/** A generated fact about a session (LOCOMO's `observation`), with the turns it cites. */
export type Observation = Conversation["observations"][number];

/** A generated per-session summary (LOCOMO's `session_summary`). */
export type SessionSummary = Conversation["sessionSummaries"][number];

/** A gold answer as the file gives it: a string, or (6 cases) a JSON integer; `null` when absent. */
export type Answer = string | number | null;

/** One LOCOMO question. */
export interface Question {
  /** A stable id, `<sampleId>:q<index in the sample's qa list>`, e.g. `conv-26:q0`. */
  id: string;
  /** The conversation the question is about. */
  sampleId: string;
  /** The question text. */
  question: string;
  /**
   * The gold answer exactly as given (integers stay numbers). Category-5 items mostly have none
   * (`null`); their trap answer is in {@link Question.adversarialAnswer}, never here.
   */
  answer: Answer;
  /** The raw category id (1 multi-hop, 2 temporal, 3 open-domain, 4 single-hop, 5 adversarial). */
  category: CategoryId;
  /** Evidence turn ids, normalised (`"D8:6; D9:17"` becomes two ids; unreadable ids dropped). */
  evidence: string[];
  /** Category 5 only: the trap answer a model that does not abstain would give. */
  adversarialAnswer?: string;
}

/** A loaded LOCOMO dataset. */
export interface LocomoDataset {
  /** The conversations in file order. */
  conversations: Conversation[];
  /** All questions in file order. */
  questions: Question[];
  /** The file it was loaded from: its base name (e.g. `locomo10.json`) and its sha256 in hex. */
  source: { file: string; sha256: string };
}

/** Where a dataset came from: the file's base name and its sha256 in hex. */
export type DatasetSource = LocomoDataset["source"];
