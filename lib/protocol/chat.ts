/**
 * The chat side of the wire: one chat message type and one GRPO group item type, shared by the LM
 * client, the QA program, the Arbor client, the GRPO loop and the embedded server; plus the zod
 * schemas the embedded server validates chat requests and group items against.
 *
 * @module
 */

import { z } from "zod";

/** Who wrote a chat message. */
export type ChatRole = "system" | "user" | "assistant";

/** One chat message, as on the OpenAI wire (`/chat/completions`, Arbor's GRPO items). */
export interface ChatMessage {
  /** The author of the message. */
  role: ChatRole;
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

/** A chat message of a GRPO item or a chat request (extra keys such as `name` are allowed). */
export const messageSchema = z.looseObject({
  role: z.enum(["system", "user", "assistant"]),
  content: z.string(),
});

/** A completion: a string, one assistant message, or a list of messages (joined). */
export const completionSchema = z.union([z.string(), messageSchema, z.array(messageSchema)]);

/** One GRPO item: the prompt messages, the sampled completion and its reward. */
export const groupItemSchema = z.looseObject({
  messages: z.array(messageSchema),
  completion: completionSchema,
  reward: z.number(),
});

/** A flat group of items, validated item by item once the batch is known to be flat. */
export const groupSchema = z.array(groupItemSchema);

/** The body of `POST /v1/chat/completions` (unknown OpenAI fields are accepted and ignored). */
export const chatRequestSchema = z.looseObject({
  model: z.string(),
  messages: z.array(messageSchema).min(1),
  temperature: z.number().min(0).nullish(),
  max_tokens: z.int().min(1).nullish(),
  max_completion_tokens: z.int().min(1).nullish(),
  n: z.int().min(1).max(128).nullish(),
  seed: z.int().nullish(),
  stream: z.boolean().nullish(),
});

/** A parsed chat request. */
export type ChatRequestBody = z.output<typeof chatRequestSchema>;

/** Extracts the completion text of an item (a list of messages is joined with newlines). */
export function completionText(completion: z.output<typeof completionSchema>): string {
  if (typeof completion === "string") return completion;
  if (Array.isArray(completion)) return completion.map((m) => m.content).join("\n");
  return completion.content;
}
