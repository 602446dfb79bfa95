/**
 * Helpers of the embedded server's integration tests: a server on a temporary output folder
 * that is removed on close.
 *
 * @module
 */

import {
  type EmbeddedServer,
  type EmbeddedServerOptions,
  startEmbeddedServer,
} from "../lib/embedded/mod.ts";
import { createFakePolicy } from "./fake_policy.ts";

/** A running test server plus its temporary output folder. */
export interface TestServer {
  /** The server. */
  server: EmbeddedServer;
  /** Its `/v1/` base URL. */
  url: string;
  /** Its temporary output folder. */
  outputDir: string;
  /** Closes the server and removes the folder. */
  close(): Promise<void>;
}

/** Starts an embedded server with the fake policy on a fresh temporary output folder. */
export async function startTestServer(
  options: Partial<EmbeddedServerOptions> = {},
): Promise<TestServer> {
  const outputDir = options.outputDir ?? await Deno.makeTempDir({ prefix: "embedded_server_" });
  const server = await startEmbeddedServer({
    createPolicy: createFakePolicy,
    ...options,
    outputDir,
  });
  return {
    server,
    url: server.url,
    outputDir,
    async close() {
      await server.close();
      if (!options.outputDir) await Deno.remove(outputDir, { recursive: true });
    },
  };
}

/** Runs `body` against a fresh test server and always closes it. */
export async function withServer(
  options: Partial<EmbeddedServerOptions>,
  body: (test: TestServer) => Promise<void>,
): Promise<void> {
  const test = await startTestServer(options);
  try {
    await body(test);
  } finally {
    await test.close();
  }
}
