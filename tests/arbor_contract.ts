/**
 * One contract test suite for "an Arbor server", usable against the embedded server in both
 * dialects and against any other implementation (e.g. a recorded real Arbor). It only uses HTTP.
 *
 * ```ts ignore
 * arborContractSuite("embedded 2025.11", () => startEmbeddedServer({ createPolicy }), {
 *   dialect: "2025.11",
 * });
 * ```
 *
 * @module
 */

import assert from "node:assert/strict";
import { headContractCases } from "./arbor_contract_head.ts";
import {
  type ArborServerHandle,
  call,
  detectDialect,
  originOf,
  post,
  type StartArborServer,
} from "./arbor_contract_http.ts";
import { midContractCases } from "./arbor_contract_mid.ts";

export type { ArborServerHandle, StartArborServer } from "./arbor_contract_http.ts";

/** Options of {@link arborContractSuite}. */
export interface ArborContractOptions {
  /** The dialect the server is expected to speak. */
  dialect: "2025.11" | "2025.06";
  /** Model name used for `initialize` and chat. Default: `"Qwen/Qwen2.5-0.5B-Instruct"`. */
  model?: string;
  /** Group size G. Default: `4`. */
  numGenerations?: number;
}

/** Resolved contract options. */
export interface ContractSettings {
  /** The dialect. */
  dialect: "2025.11" | "2025.06";
  /** The model name. */
  model: string;
  /** Group size. */
  numGenerations: number;
}

/** One registered case: a name and a body run against a fresh server. */
export interface ContractCase {
  /** What the server does, e.g. "step refuses a group of the wrong size". */
  name: string;
  /** The test body. */
  run(server: ArborServerHandle, settings: ContractSettings): Promise<void>;
}

const commonCases: ContractCase[] = [
  {
    name: "GET /openapi.json lists the paths that reveal its dialect",
    async run(server, settings) {
      assert.equal(await detectDialect(server.url), settings.dialect);
      const paths = (await call("GET", `${originOf(server.url)}/openapi.json`)).body.paths;
      for (const p of ["initialize", "step", "checkpoint", "terminate"]) {
        assert.ok(`/v1/fine_tuning/grpo/${p}` in paths, `missing ${p}`);
      }
      assert.ok("/v1/chat/completions" in paths);
    },
  },
  {
    name: "chat/completions answers in OpenAI's shape with n choices and usage",
    async run(server, settings) {
      const answer = await post(server.url, "chat/completions", {
        model: `arbor:${settings.model}`,
        messages: [{ role: "user", content: "Is the sky blue or green?" }],
        temperature: 1,
        n: 3,
        max_tokens: 16,
        seed: 1,
      });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.object, "chat.completion");
      assert.equal(answer.body.choices.length, 3);
      for (const choice of answer.body.choices) {
        assert.equal(choice.message.role, "assistant");
        assert.equal(typeof choice.message.content, "string");
      }
      assert.equal(typeof answer.body.usage.completion_tokens, "number");
    },
  },
  {
    name: "chat/completions at temperature 0 gives the same answer twice",
    async run(server, settings) {
      const body = {
        model: settings.model,
        messages: [{ role: "user", content: "Pick one: apple, pear, plum." }],
        temperature: 0,
      };
      const first = await post(server.url, "chat/completions", body);
      const second = await post(server.url, "chat/completions", body);
      assert.equal(first.status, 200);
      assert.equal(first.body.choices[0].message.content, second.body.choices[0].message.content);
    },
  },
  {
    name: "an unknown path answers 404 with a JSON body",
    async run(server) {
      const answer = await post(server.url, "fine_tuning/grpo/no_such_route", {});
      assert.equal(answer.status, 404);
      assert.ok(answer.contentType.includes("application/json"));
    },
  },
];

/**
 * Registers the contract tests (one `Deno.test` per case; each starts and closes its own
 * server) under `"<name>: <case>"`.
 */
export function arborContractSuite(
  name: string,
  startServer: StartArborServer,
  options: ArborContractOptions,
): void {
  const settings: ContractSettings = {
    dialect: options.dialect,
    model: options.model ?? "Qwen/Qwen2.5-0.5B-Instruct",
    numGenerations: options.numGenerations ?? 4,
  };
  const cases = [
    ...commonCases,
    ...(settings.dialect === "2025.11" ? headContractCases : midContractCases),
  ];
  for (const contractCase of cases) {
    Deno.test(`${name}: ${contractCase.name}`, async () => {
      const server = await startServer();
      try {
        await contractCase.run(server, settings);
      } finally {
        await server.close();
      }
    });
  }
}
