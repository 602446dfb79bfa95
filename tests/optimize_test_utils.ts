/**
 * Stand-ins for the optimizer tests: one local OpenAI-compatible server answering both the task
 * LM and the reflection LM, told apart by model name, and the mini LOCOMO sample.
 */

import { ABSTENTION, createLmClient, type LmClient, parseLocomo } from "../mod.ts";
import { createMemoryBank } from "../lib/program/mod.ts";
import type { Conversation, SplitExample } from "../lib/data/mod.ts";
import {
  type OpenAiTestServer,
  type RecordedRequest,
  replies,
  startOpenAiTestServer,
} from "./openai_test_server.ts";

/** The task LM's model name. */
export const TASK_MODEL = "task-lm";
/** The reflection LM's model name. */
export const REFLECTION_MODEL = "reflection-lm";

/** The mini sample's questions (as split examples) and its conversations. */
export async function miniData(): Promise<
  { examples: SplitExample[]; conversations: Conversation[] }
> {
  const text = await Deno.readTextFile(
    new URL("../data/sample/mini_locomo.json", import.meta.url),
  );
  const dataset = parseLocomo(text, { file: "mini_locomo.json" });
  return { examples: dataset.questions as SplitExample[], conversations: dataset.conversations };
}

function bodyOf(request: RecordedRequest) {
  return request.body as { model: string; messages: { role: string; content: string }[] };
}

/**
 * The task LM's answer: the gold answer when the system message says MAGIC, nothing right when
 * it says BAD, else the gold answer only for questions whose text has an even length.
 */
export function instructionSensitiveAnswer(
  examples: readonly SplitExample[],
  request: RecordedRequest,
): string {
  const { messages } = bodyOf(request);
  const system = messages.find((m) => m.role === "system")?.content ?? "";
  const user = messages.at(-1)?.content ?? "";
  const question = user.split("\n").reverse().find((l) => l.startsWith("Question: "))
    ?.slice("Question: ".length).trim();
  const example = examples.find((e) => e.question === question);
  const gold = example?.answer === null || example === undefined
    ? ABSTENTION
    : String(example.answer);
  if (system.includes("BAD")) return "zzz";
  if (system.includes("MAGIC")) return gold;
  return (question?.length ?? 0) % 2 === 0 ? gold : "zzz";
}

/** A stand-in serving both models; reflection replies come from `reflect` in order. */
export function startStandIn(
  examples: readonly SplitExample[],
  reflect: (index: number, request: RecordedRequest) => string,
): OpenAiTestServer & { taskCalls(): number; reflectionCalls(): number } {
  let reflections = 0;
  const server = startOpenAiTestServer({
    respond: (request) => {
      const { model } = bodyOf(request);
      if (model === REFLECTION_MODEL) return replies.answer(reflect(reflections++, request));
      return replies.answer(instructionSensitiveAnswer(examples, request));
    },
  });
  const count = (model: string) =>
    server.chatRequests().filter((r) => bodyOf(r).model === model).length;
  return Object.assign(server, {
    taskCalls: () => count(TASK_MODEL),
    reflectionCalls: () => count(REFLECTION_MODEL),
  });
}

/** Task and reflection clients of a stand-in, plus the memory bank. */
export function clientsFor(
  server: OpenAiTestServer,
  conversations: Parameters<typeof createMemoryBank>[0],
): {
  taskLm: LmClient;
  reflectionLm: LmClient;
  memories: ReturnType<typeof createMemoryBank>;
  close(): void;
} {
  const taskLm = createLmClient({ baseUrl: server.baseUrl, model: TASK_MODEL, concurrency: 4 });
  const reflectionLm = createLmClient({ baseUrl: server.baseUrl, model: REFLECTION_MODEL });
  const memories = createMemoryBank(conversations);
  return {
    taskLm,
    reflectionLm,
    memories,
    close() {
      taskLm.close();
      reflectionLm.close();
      memories.free();
    },
  };
}
