import assert from "node:assert/strict";
import { main } from "../lib/cli/arbor_embedded.ts";
import { get, originOf } from "./arbor_contract_http.ts";
import { createFakePolicy } from "./fake_policy.ts";

Deno.test("arbor:embedded main() serves the chosen dialect until its signal fires", async () => {
  const outputDir = await Deno.makeTempDir({ prefix: "arbor_cli_" });
  const controller = new AbortController();
  const lines: string[] = [];
  let announce: (url: string) => void = () => {};
  const listening = new Promise<string>((resolve) => (announce = resolve));
  const running = main(
    ["--port", "0", "--dialect", "2025.06", "--output-dir", outputDir, "--seed", "3"],
    {
      createPolicy: createFakePolicy,
      signal: controller.signal,
      log: (line) => {
        lines.push(line);
        const url = line.match(/listening on (\S+)/)?.[1];
        if (url) announce(url);
      },
    },
  );
  try {
    const url = await listening;
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/v1\/$/);
    const openapi = await get(originOf(url), "/openapi.json");
    assert.equal(openapi.body.info["x-arbor-dialect"], "2025.06");
    assert.ok("/health" in openapi.body.paths);
  } finally {
    controller.abort();
    assert.equal(await running, 0);
    await Deno.remove(outputDir, { recursive: true });
  }
  assert.equal(lines.at(-1), "Embedded Arbor server stopped.");
});

Deno.test("arbor:embedded main() --help prints every option without starting a server", async () => {
  const lines: string[] = [];
  assert.equal(await main(["--help"], { log: (line) => lines.push(line) }), 0);
  for (const flag of ["--port", "--host", "--dialect", "--output-dir", "--load-checkpoint"]) {
    assert.ok(lines[0]?.includes(flag), flag);
  }
});

Deno.test("arbor:embedded main() rejects an unknown dialect before listening", async () => {
  await assert.rejects(
    () => main(["--dialect", "2024.01"], { createPolicy: createFakePolicy }),
    /--dialect must be one of 2025\.11, 2025\.06; got "2024\.01"/,
  );
});
