/**
 * Request schemas shared by both dialects: GRPO group items and chat completions.
 *
 * @module
 */

import { z } from "zod";

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
