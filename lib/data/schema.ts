/**
 * The zod schema of the raw `locomo10.json` file (snake_case, as published).
 *
 * @module
 */

import { z } from "../deps.ts";

/** A turn id `D<session>:<turn>`. */
export const DIA_ID_PATTERN: RegExp = /^D\d+:\d+$/;

const turnSchema = z.object({
  speaker: z.string(),
  dia_id: z.string().regex(DIA_ID_PATTERN, { error: "a turn id like D1:3" }),
  text: z.string(),
  blip_caption: z.string().nullish(),
  img_url: z.array(z.string()).nullish(),
  query: z.string().nullish(),
});

/** A session key of a conversation, `session_<n>` (its number in group 1). */
export const SESSION_KEY: RegExp = /^session_(\d+)$/;

/** The raw schema of one session (an array of turns). */
export const sessionSchema = z.array(turnSchema);

const qaSchema = z.object({
  question: z.string(),
  answer: z.union([z.string(), z.number().int()]).optional(),
  adversarial_answer: z.string().nullish(),
  evidence: z.array(z.string()),
  category: z.number().int(),
});

const observationSchema = z.record(
  z.string(),
  z.record(z.string(), z.array(z.tuple([z.string(), z.union([z.string(), z.array(z.string())])]))),
);

const sampleSchema = z.object({
  sample_id: z.string().min(1),
  conversation: z.looseObject({ speaker_a: z.string(), speaker_b: z.string() }),
  qa: z.array(qaSchema),
  observation: observationSchema.optional(),
  session_summary: z.record(z.string(), z.string()).optional(),
});

/** The raw schema of the whole file (session keys are checked separately, see `validate_locomo.ts`). */
export const locomoFileSchema = z.array(sampleSchema).min(1);

/** The raw file type after schema validation. */
export type RawLocomoFile = z.infer<typeof locomoFileSchema>;
/** One raw sample. */
export type RawSample = RawLocomoFile[number];
/** One raw turn. */
export type RawTurn = z.infer<typeof turnSchema>;
