/**
 * The strict Arbor stand-in with a policy that learns: every request goes through the stand-in
 * (recorded, validated), and its chat replies are replaced by answers that improve once the
 * trainer has received a group. Validation (temperature 0) answers wrongly before the first
 * `/step` and with the gold answer after it, so the train CLI sees a better score and saves the
 * best checkpoint; rollouts (temperature > 0) alternate gold and wrong answers so groups have
 * reward variance.
 *
 * @module
 */

import type { GoldAnswer } from "./train_cli_helpers.ts";
import {
  type ArborStandin,
  createArborStandin,
  type StandinOptions,
} from "./arbor_standin_server.ts";

/** A listening stand-in whose chat replies are scripted from the gold answers. */
export interface LearningStandin extends ArborStandin {
  /** The `/v1/` base URL. */
  readonly baseUrl: string;
  /** Stops listening. */
  close(): Promise<void>;
}

/** Options of {@link startLearningStandin}: the stand-in's, plus a hook. */
export interface LearningStandinOptions extends StandinOptions {
  /** Called after each GRPO/openapi request was answered (e.g. to stop the trainer). Default: none. */
  onHandled?: (path: string, standin: ArborStandin) => void;
}

const WRONG = "Answer: a purple submarine";

function goldAnswer(examples: readonly GoldAnswer[], prompt: string): string {
  const matches = examples.filter((e) => prompt.includes(e.question));
  const example = matches.sort((a, b) => b.question.length - a.question.length)[0];
  if (example === undefined) return WRONG;
  return example.answer === null
    ? "Answer: Not mentioned in the conversation"
    : `Answer: ${example.answer}`;
}

/** Starts the stand-in on 127.0.0.1 (free port), answering from `examples`' gold answers. */
export function startLearningStandin(
  examples: readonly GoldAnswer[],
  options: LearningStandinOptions = {},
): LearningStandin {
  const standin = createArborStandin(options);
  let rollouts = 0;
  const handler = async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    if (!path.endsWith("/chat/completions")) {
      const reply = await standin.handler(request);
      options.onHandled?.(path, standin);
      return reply;
    }
    const text = await request.text();
    const reply = await standin.handler(
      new Request(request.url, { method: request.method, headers: request.headers, body: text }),
    );
    if (reply.status !== 200) return reply;
    const body = await reply.json();
    const sent = JSON.parse(text) as {
      temperature?: number;
      messages: { content: string }[];
      n?: number;
    };
    const prompt = sent.messages.map((m) => m.content).join("\n");
    const trained = standin.requestsTo("grpo/step").length > 0;
    const choices = (body.choices as { message: { content: string } }[]).map((choice) => {
      const validation = (sent.temperature ?? 1) === 0;
      const good = validation ? trained : rollouts++ % 2 === 0;
      return {
        ...choice,
        message: { ...choice.message, content: good ? goldAnswer(examples, prompt) : WRONG },
      };
    });
    return Response.json({ ...body, choices });
  };
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, handler);
  let closed = false;
  return {
    ...standin,
    baseUrl: `http://127.0.0.1:${server.addr.port}/v1/`,
    close: async () => {
      if (closed) return;
      closed = true;
      standin.cancelDelays();
      await server.shutdown();
    },
  };
}
