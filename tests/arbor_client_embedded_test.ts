import assert from "node:assert/strict";
import { chatModelName, createArborClient, withArborJob } from "../lib/arbor/mod.ts";
import { resolveTrainConfig } from "../mod.ts";
import { trainerSettingsFor } from "../lib/grpo/mod.ts";
import { startEmbeddedServer } from "../lib/embedded/mod.ts";
import { FAST, sendSteps } from "./arbor_client_helpers.ts";
import { createFakePolicy } from "./fake_policy.ts";

for (const dialect of ["2025.11", "2025.06"] as const) {
  Deno.test(`createArborClient() trains 3 steps on the embedded ${dialect} server`, async () => {
    const outputDir = await Deno.makeTempDir({ prefix: "memgrpo_arbor_embedded_" });
    const server = await startEmbeddedServer({
      createPolicy: createFakePolicy,
      dialect,
      outputDir,
    });
    try {
      const client = await createArborClient(server.url, FAST);
      assert.equal(client.dialect, dialect);
      await withArborJob(client, async (signal) => {
        await client.initialize(
          trainerSettingsFor(resolveTrainConfig({ numTrainSteps: 5, examplesPerStep: 1 })),
          {
            signal,
          },
        );
        assert.deepEqual(await sendSteps(client, 3, signal), [0, 1, 2]);
        const saved = await client.checkpoint("model_checkpoint_best", { score: 0.5 }, { signal });
        assert.ok(saved.checkpoints.model_checkpoint_best?.dir, "the checkpoint has a folder");
      });
      assert.equal(client.state, "terminated");
      assert.match(chatModelName(client), /^arbor:./);
    } finally {
      await server.close();
      await Deno.remove(outputDir, { recursive: true });
    }
  });
}
