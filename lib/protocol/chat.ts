/**
 * The chat side of the wire: one chat message type and one GRPO group item type, shared by the LM
 * client, the QA program, the Arbor client, the GRPO loop and the embedded server; plus the zod
 * schemas the embedded server validates chat requests and group items against.
 *
 * @module
 */

import { z } from "../deps.ts";

/**
 * A zod schema whose parsed output is `T`. The zod type itself is third-party and stays out of
 * the docs; the schemas below name their output types explicitly.
 *
 * @ignore
 */
export type Schema<T> = z.ZodType<T>;

/** Who wrote a chat message. */
export type ChatRole = ChatMessage["role"];

/** One chat message, as on the OpenAI wire (`/chat/completions`, Arbor's GRPO items). */
export interface ChatMessage {
  /** The author of the message. */
  role: "system" | "user" | "assistant";
  /** The message text. */
  content: string;
}

/**
 * One item of a GRPO group, as sent to Arbor's `/step`: the prompt the policy saw, the sampled
 * completion and its reward. The embedded server hands its policy items of the same shape.
 */
export interface GroupItem {
  /** The prompt messages. */
  messages: ChatMessage[];
  /** The sampled completion. */
  completion: { role: "assistant"; content: string };
  /** Its reward (finite). */
  reward: number;
}

/** The roles a chat message may have. */
export const CHAT_ROLES: readonly ChatRole[] = ["system", "user", "assistant"];

/**
 * A completion as a GRPO item may carry it: a string, one assistant message, or a list of
 * messages (joined by {@link completionText}).
 */
export type WireCompletion = string | ChatMessage | ChatMessage[];

/** One GRPO item as received: the prompt messages, the sampled completion and its reward. */
export interface GroupItemBody {
  /** The prompt messages. */
  messages: ChatMessage[];
  /** The sampled completion, in any of the accepted shapes. */
  completion: WireCompletion;
  /** Its reward. */
  reward: number;
}

/** A parsed `POST /v1/chat/completions` body (unknown OpenAI fields are kept). */
export interface ChatRequestBody {
  /** The model name. */
  model: string;
  /** The conversation so far (at least one message). */
  messages: ChatMessage[];
  /** Sampling temperature (≥ 0). */
  temperature?: number | null;
  /** Completion length limit (≥ 1). */
  max_tokens?: number | null;
  /** Completion length limit, the newer name (≥ 1). */
  max_completion_tokens?: number | null;
  /** Number of choices (1 to 128). */
  n?: number | null;
  /** Sampling seed. */
  seed?: number | null;
  /** Streaming (refused by the embedded server). */
  stream?: boolean | null;
  /** Other OpenAI fields, accepted and ignored. */
  [key: string]: unknown;
}

/** A chat message of a GRPO item or a chat request (extra keys such as `name` are allowed). */
export const messageSchema: Schema<ChatMessage> = z.looseObject({
  role: z.enum(["system", "user", "assistant"]),
  content: z.string(),
});

/** A completion: a string, one assistant message, or a list of messages (joined). */
export const completionSchema: Schema<WireCompletion> = z.union([
  z.string(),
  messageSchema,
  z.array(messageSchema),
]);

/** One GRPO item: the prompt messages, the sampled completion and its reward. */
export const groupItemSchema: Schema<GroupItemBody> = z.looseObject({
  messages: z.array(messageSchema),
  completion: completionSchema,
  reward: z.number(),
});

/** A flat group of items, validated item by item once the batch is known to be flat. */
export const groupSchema: Schema<GroupItemBody[]> = z.array(groupItemSchema);

/** The body of `POST /v1/chat/completions` (unknown OpenAI fields are accepted and ignored). */
export const chatRequestSchema: Schema<ChatRequestBody> = z.looseObject({
  model: z.string(),
  messages: z.array(messageSchema).min(1),
  temperature: z.number().min(0).nullish(),
  max_tokens: z.int().min(1).nullish(),
  max_completion_tokens: z.int().min(1).nullish(),
  n: z.int().min(1).max(128).nullish(),
  seed: z.int().nullish(),
  stream: z.boolean().nullish(),
});

/** Extracts the completion text of an item (a list of messages is joined with newlines). */
export function completionText(completion: WireCompletion): string {
  if (typeof completion === "string") return completion;
  if (Array.isArray(completion)) return completion.map((m) => m.content).join("\n");
  return completion.content;
}
