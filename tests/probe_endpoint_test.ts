import assert from "node:assert/strict";
import { probeEndpoint } from "../lib/cli/judge_setup.ts";
import { JudgeUnavailableError } from "../lib/metrics/judge_errors.ts";
import { replies, startOpenAiTestServer } from "./openai_test_server.ts";

const options = { apiKey: "", keyHint: "OPENAI_API_KEY", role: "answering LM" };

Deno.test("probeEndpoint() goes on past a server error (a flaky endpoint is up), with a warning", async () => {
  await using server = startOpenAiTestServer({
    respond: () => replies.status(500, { retryAfter: "0", message: "overloaded" }),
  });
  const warnings: string[] = [];
  await probeEndpoint(server.baseUrl, "test-model", { ...options, log: (l) => warnings.push(l) });
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /^warning: Answering LM unavailable: the answering LM at .*going on/);
});

Deno.test("probeEndpoint() stops on a refused key and names where the key comes from", async () => {
  await using server = startOpenAiTestServer({
    respond: () => replies.status(401, { message: "bad key" }),
  });
  await assert.rejects(probeEndpoint(server.baseUrl, "test-model", options), (error: unknown) => {
    assert.ok(error instanceof JudgeUnavailableError);
    assert.equal(error.problem, "unauthorized");
    assert.match(error.message, /set OPENAI_API_KEY/);
    return true;
  });
});

Deno.test("probeEndpoint() stops when no server answers, after retrying", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  await assert.rejects(
    probeEndpoint(`http://127.0.0.1:${port}/v1`, "test-model", options),
    /the answering LM at .* cannot be reached/,
  );
});
