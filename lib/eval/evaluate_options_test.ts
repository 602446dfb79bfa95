import assert from "node:assert/strict";
import { createLmClient } from "../lm/client.ts";
import { JudgeConfigError } from "../metrics/judge_errors.ts";
import { resolveEvaluateConfig } from "./evaluate_options.ts";

Deno.test("resolveEvaluateConfig() refuses a judge that is the answering model unless allowed", () => {
  const lm = createLmClient({ baseUrl: "http://127.0.0.1:1/v1", model: "Org/Policy-Model" });
  const judgeLm = createLmClient({ baseUrl: "http://127.0.0.1:1/v1", model: "policy-model" });
  try {
    assert.throws(
      () => resolveEvaluateConfig({ lm, judgeLm, conversations: [], judge: "llm" }),
      JudgeConfigError,
    );
    const config = resolveEvaluateConfig({
      lm,
      judgeLm,
      conversations: [],
      judge: "llm",
      allowSameJudge: true,
    });
    assert.equal(config.judge, "llm");
  } finally {
    lm.close();
    judgeLm.close();
  }
});
