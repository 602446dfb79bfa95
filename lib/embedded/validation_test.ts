import assert from "node:assert/strict";
import { RequestValidationError } from "./errors.ts";
import { headInitializeSchema } from "../protocol/mod.ts";
import { parseBody } from "./validation.ts";

function detailsOf(body: unknown): unknown[] {
  try {
    parseBody(headInitializeSchema, body);
  } catch (error) {
    assert.ok(error instanceof RequestValidationError);
    return error.details;
  }
  assert.fail("expected a RequestValidationError");
}

Deno.test("parseBody() names each unknown field with FastAPI's extra_forbidden detail", () => {
  const details = detailsOf({
    model: "m",
    trainer_config: { lora: true },
    inference_config: { model: "m" },
    suffix: "dspy",
  });
  assert.deepEqual(details, [
    {
      type: "extra_forbidden",
      loc: ["body", "trainer_config", "lora"],
      msg: "Extra inputs are not permitted",
      input: true,
    },
    {
      type: "extra_forbidden",
      loc: ["body", "suffix"],
      msg: "Extra inputs are not permitted",
      input: "dspy",
    },
  ]);
});

Deno.test("parseBody() reports missing fields and wrong types like pydantic", () => {
  const details = detailsOf({
    trainer_config: { beta: "0.1", max_steps: 1.5 },
    inference_config: 3,
  });
  assert.deepEqual(details, [
    { type: "missing", loc: ["body", "model"], msg: "Field required" },
    {
      type: "float_type",
      loc: ["body", "trainer_config", "beta"],
      msg: "Input should be a valid number",
      input: "0.1",
    },
    {
      type: "int_type",
      loc: ["body", "trainer_config", "max_steps"],
      msg: "Input should be a valid integer",
      input: 1.5,
    },
    {
      type: "model_attributes_type",
      loc: ["body", "inference_config"],
      msg: "Input should be a valid dictionary or object to extract fields from",
      input: 3,
    },
  ]);
});

Deno.test("parseBody() returns the parsed body with defaults when it is valid", () => {
  const body = parseBody(headInitializeSchema, {
    model: "m",
    trainer_config: {},
    inference_config: { model: "m" },
  });
  assert.equal(body.inference_config.num_gpus, 1);
});
