import {
  createDefaultPolicy,
  type PolicyFactory,
  startEmbeddedServer,
} from "../lib/embedded/mod.ts";
import type { ArborDialect } from "../mod.ts";
import { arborContractSuite } from "./arbor_contract.ts";
import { createFakePolicy } from "./fake_policy.ts";

const POLICIES: [string, PolicyFactory][] = [
  ["fake policy", createFakePolicy],
  ["extractive policy", createDefaultPolicy],
];

for (const [policyName, createPolicy] of POLICIES) {
  for (const dialect of ["2025.11", "2025.06"] as ArborDialect[]) {
    arborContractSuite(`embedded ${dialect} (${policyName})`, async () => {
      const outputDir = await Deno.makeTempDir({ prefix: "arbor_contract_" });
      const server = await startEmbeddedServer({ createPolicy, dialect, outputDir });
      return {
        url: server.url,
        async close() {
          await server.close();
          await Deno.remove(outputDir, { recursive: true });
        },
      };
    }, { dialect });
  }
}
