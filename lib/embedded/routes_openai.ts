/**
 * OpenAI-compatible routes of both dialects: `POST /v1/chat/completions` (serving the current
 * policy) and `GET /v1/models`.
 *
 * @module
 */

import { jsonResponse } from "./error_response.ts";
import { UnsupportedRequestError } from "./errors.ts";
import type { Route, ServerContext } from "./router.ts";
import { chatRequestSchema } from "../protocol/mod.ts";
import { parseBody } from "./validation.ts";

/** Completion-length limit when a request sets neither `max_tokens` nor `max_completion_tokens`. */
export const DEFAULT_MAX_TOKENS = 512;

/** Sampling temperature when a request sets none (OpenAI's default). */
export const DEFAULT_TEMPERATURE = 1;

function countTokens(text: string): number {
  const trimmed = text.trim();
  return trimmed === "" ? 0 : trimmed.split(/\s+/).length;
}

function chatRoute(context: ServerContext): Route {
  let counter = 0;
  return {
    method: "POST",
    path: "/v1/chat/completions",
    summary: "OpenAI chat completion served by the current policy",
    requestSchema: chatRequestSchema,
    async handle({ body }) {
      const request = parseBody(chatRequestSchema, await body());
      if (request.stream) {
        throw new UnsupportedRequestError("stream: true", "Send stream: false (the default).");
      }
      const served = await context.registry.resolve(request.model);
      const maxTokens = request.max_tokens ?? request.max_completion_tokens ?? DEFAULT_MAX_TOKENS;
      const messages = request.messages.map((m) => ({ role: m.role, content: m.content }));
      const texts = served.policy.generate({
        messages,
        temperature: request.temperature ?? DEFAULT_TEMPERATURE,
        maxTokens,
        n: request.n ?? 1,
        seed: request.seed ?? context.nextSeed(),
      });
      const completionTokens = texts.map(countTokens);
      const promptTokens = messages.reduce((sum, m) => sum + countTokens(m.content), 0);
      counter += 1;
      return jsonResponse({
        id: `chatcmpl-embedded-${counter}`,
        object: "chat.completion",
        created: Math.floor(context.config.now().getTime() / 1000),
        model: served.servedName,
        choices: texts.map((text, index) => ({
          index,
          message: { role: "assistant", content: text },
          logprobs: null,
          finish_reason: (completionTokens[index] ?? 0) >= maxTokens ? "length" : "stop",
        })),
        usage: {
          prompt_tokens: promptTokens,
          completion_tokens: completionTokens.reduce((a, b) => a + b, 0),
          total_tokens: promptTokens + completionTokens.reduce((a, b) => a + b, 0),
        },
      });
    },
  };
}

function modelsRoute(context: ServerContext): Route {
  return {
    method: "GET",
    path: "/v1/models",
    summary: "OpenAI model list: jobs and standalone policies",
    handle() {
      const created = Math.floor(context.config.now().getTime() / 1000);
      const names = new Set<string>();
      for (const job of context.jobs.list()) {
        if (job.lifecycle === "cancelled") continue;
        if (context.config.dialect === "2025.11") names.add(job.id);
        else {
          names.add(job.model);
          if (job.groupsReceived > 0 || job.lifecycle === "terminated") names.add(job.dir);
        }
      }
      for (const name of context.registry.standaloneNames()) names.add(name);
      return jsonResponse({
        object: "list",
        data: [...names].map((id) => ({
          id,
          object: "model",
          created,
          owned_by: "arbor-embedded",
        })),
      });
    },
  };
}

/** The OpenAI-compatible routes. */
export function openAiRoutes(context: ServerContext): Route[] {
  return [chatRoute(context), modelsRoute(context)];
}
