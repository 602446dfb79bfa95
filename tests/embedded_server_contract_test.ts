import { startEmbeddedServer } from "../lib/embedded/server.ts";
import type { ArborDialect } from "../lib/embedded/server_options.ts";
import { arborContractSuite } from "./arbor_contract.ts";
import { createFakePolicy } from "./fake_policy.ts";

for (const dialect of ["2025.11", "2025.06"] as ArborDialect[]) {
  arborContractSuite(`embedded ${dialect}`, async () => {
    const outputDir = await Deno.makeTempDir({ prefix: "arbor_contract_" });
    const server = await startEmbeddedServer({
      createPolicy: createFakePolicy,
      dialect,
      outputDir,
    });
    return {
      url: server.url,
      async close() {
        await server.close();
        await Deno.remove(outputDir, { recursive: true });
      },
    };
  }, { dialect });
}
