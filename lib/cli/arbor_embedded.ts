/**
 * `deno task arbor:embedded`: serve the embedded Arbor-compatible server (a trainable extractive
 * policy behind Arbor's HTTP protocol) until Ctrl-C.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { createDefaultPolicy, type PolicyFactory } from "../embedded/mod.ts";
import { startEmbeddedServer } from "../embedded/server.ts";
import { ARBOR_DIALECTS, type ArborDialect } from "../protocol/mod.ts";
import { DEFAULT_MAX_BODY_BYTES } from "../embedded/server_options.ts";
import { intFlag, runCli, UsageError } from "./run_cli.ts";

const HELP = `deno task arbor:embedded [options]

Serves an Arbor-compatible GRPO server over a small trainable CPU policy (no GPU, no LM). Point
the GRPO client (or DSPy) at the printed /v1/ URL. Stops on Ctrl-C (SIGINT) or SIGTERM.
  --port N               TCP port; 0 picks a free one (default 7453, Arbor's)
  --host HOST            interface to listen on (default 127.0.0.1)
  --dialect D            wire dialect: 2025.11 (Arbor 0.2.16, job ids) or 2025.06 (Arbor 0.2.1,
                         flat initialize) (default 2025.11)
  --output-dir DIR       job folders and checkpoints (default ./grpo_checkpoints)
  --load-checkpoint DIR  serve a saved checkpoint folder (holding policy.json) from the start
  --seed N               seed of the policy and of unseeded sampling (default 0)
  --max-body-bytes N     largest accepted request body; larger gets 413 (default ${DEFAULT_MAX_BODY_BYTES})
  -h, --help             show this help`;

/** Dependencies of {@link main} (injected by tests). */
export interface ArborEmbeddedMainOptions {
  /** The policy factory. Default: the extractive policy ({@link createDefaultPolicy}). */
  createPolicy?: PolicyFactory;
  /** Stops the server when aborted. Default: SIGINT or SIGTERM. */
  signal?: AbortSignal;
  /** Prints a line. Default: `console.log`. */
  log?: (line: string) => void;
}

function signalFromOs(): AbortSignal {
  const controller = new AbortController();
  const stop = () => controller.abort();
  Deno.addSignalListener("SIGINT", stop);
  if (Deno.build.os !== "windows") Deno.addSignalListener("SIGTERM", stop);
  controller.signal.addEventListener("abort", () => {
    Deno.removeSignalListener("SIGINT", stop);
    if (Deno.build.os !== "windows") Deno.removeSignalListener("SIGTERM", stop);
  });
  return controller.signal;
}

/** Runs the command until the signal fires; returns the exit code. */
export async function main(
  args: string[],
  options: ArborEmbeddedMainOptions = {},
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: "string" },
      host: { type: "string", default: "127.0.0.1" },
      dialect: { type: "string", default: "2025.11" },
      "output-dir": { type: "string", default: "./grpo_checkpoints" },
      "load-checkpoint": { type: "string" },
      seed: { type: "string" },
      "max-body-bytes": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const log = options.log ?? console.log;
  if (values.help) {
    log(HELP);
    return 0;
  }
  if (!ARBOR_DIALECTS.includes(values.dialect as ArborDialect)) {
    throw new UsageError(
      `--dialect must be one of ${ARBOR_DIALECTS.join(", ")}, got ${
        JSON.stringify(values.dialect)
      }`,
    );
  }
  const port = intFlag("port", values.port, 7453);
  if (port < 0 || port > 65535) throw new UsageError(`--port must be in 0..65535, got ${port}`);
  const maxBodyBytes = intFlag("max-body-bytes", values["max-body-bytes"], DEFAULT_MAX_BODY_BYTES);
  if (maxBodyBytes < 1) throw new UsageError(`--max-body-bytes must be ≥ 1, got ${maxBodyBytes}`);
  const signal = options.signal ?? signalFromOs();
  const server = await startEmbeddedServer({
    createPolicy: options.createPolicy ?? createDefaultPolicy,
    dialect: values.dialect as ArborDialect,
    hostname: values.host,
    port,
    outputDir: values["output-dir"],
    loadCheckpoint: values["load-checkpoint"] ?? null,
    seed: intFlag("seed", values.seed, 0),
    maxBodyBytes,
  });
  log(
    `Embedded Arbor server (dialect ${server.dialect}) listening on ${server.url} ` +
      `— checkpoints in ${server.outputDir}`,
  );
  if (server.loadedModelNames.length > 0) {
    log(`Serving checkpoint as: ${server.loadedModelNames.join(", ")}`);
  }
  if (!signal.aborted) {
    await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve()));
  }
  await server.close();
  log("Embedded Arbor server stopped.");
  return 0;
}

if (import.meta.main) await runCli((args) => main(args));
