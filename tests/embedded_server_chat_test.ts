import assert from "node:assert/strict";
import { get, post } from "./arbor_contract_http.ts";
import { headInitializeBody } from "./arbor_contract_head.ts";
import { withServer } from "./embedded_server_test_utils.ts";

const SETTINGS = { dialect: "2025.11" as const, model: "org/Tiny-Model", numGenerations: 4 };
const MESSAGES = [
  { role: "system", content: "Answer in one word." },
  { role: "user", content: "Name a fruit: apple pear plum fig" },
];

Deno.test("chat/completions counts whitespace tokens in usage and echoes the stripped name", async () => {
  await withServer({}, async ({ url }) => {
    const answer = await post(url, "chat/completions", {
      model: "openai/arbor:org/Tiny-Model",
      messages: MESSAGES,
      n: 2,
      seed: 5,
    });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.model, "org/Tiny-Model");
    const completionWords = answer.body.choices
      .map((c: { message: { content: string } }) => c.message.content.trim().split(/\s+/).length)
      .reduce((a: number, b: number) => a + b, 0);
    assert.deepEqual(answer.body.usage, {
      prompt_tokens: 4 + 7,
      completion_tokens: completionWords,
      total_tokens: 11 + completionWords,
    });
  });
});

Deno.test("chat/completions gives the same samples for the same seed and varies without one", async () => {
  await withServer({}, async ({ url }) => {
    const texts = async (seed?: number) => {
      const answer = await post(url, "chat/completions", {
        model: "m",
        messages: MESSAGES,
        temperature: 5,
        n: 8,
        ...(seed === undefined ? {} : { seed }),
      });
      return answer.body.choices.map((c: { message: { content: string } }) => c.message.content);
    };
    assert.deepEqual(await texts(42), await texts(42));
    const unseeded = [...await texts(), ...await texts()];
    assert.ok(new Set(unseeded).size > 1, "unseeded requests sample different answers");
  });
});

Deno.test("GET /v1/models lists HEAD job ids and the base models served so far", async () => {
  await withServer({}, async ({ url }) => {
    const init = await post(url, "fine_tuning/grpo/initialize", headInitializeBody(SETTINGS));
    await post(url, "chat/completions", { model: "arbor:other/Base", messages: MESSAGES });
    const models = await get(url, "models");
    assert.equal(models.status, 200);
    assert.equal(models.body.object, "list");
    const ids = models.body.data.map((m: { id: string; object: string }) => m.id);
    assert.deepEqual(ids, [init.body.job_id, "other/Base"]);
    assert.ok(models.body.data.every((m: { object: string }) => m.object === "model"));
  });
});

Deno.test("chat/completions on a cancelled job's id answers 400 naming the job", async () => {
  await withServer({}, async ({ url }) => {
    const init = await post(url, "fine_tuning/grpo/initialize", headInitializeBody(SETTINGS));
    const jobId = init.body.job_id;
    await post(url, "fine_tuning/grpo/cancel", { job_id: jobId });
    const answer = await post(url, "chat/completions", {
      model: `arbor:${jobId}`,
      messages: MESSAGES,
    });
    assert.equal(answer.status, 400);
    assert.match(answer.body.message, /cancelled/);
    assert.ok(answer.body.message.includes(jobId));
  });
});
