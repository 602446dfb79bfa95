/**
 * `deno task arbor:embedded`: serve the embedded Arbor-compatible server (a trainable extractive
 * policy behind Arbor's HTTP protocol) until Ctrl-C.
 *
 * @module
 */

import { createDefaultPolicy, type PolicyFactory } from "../embedded/mod.ts";
import { startEmbeddedServer } from "../embedded/server.ts";
import { ARBOR_DIALECTS, type ArborDialect } from "../protocol/mod.ts";
import { DEFAULT_MAX_BODY_BYTES } from "../embedded/server_options.ts";
import { type FlagSpec, formatFlags, HELP_FLAG, parseFlags } from "./flags.ts";
import { runCli, UsageError } from "./run_cli.ts";

/** Every flag of `deno task arbor:embedded`, in `--help` order. */
export const ARBOR_EMBEDDED_FLAGS: readonly FlagSpec[] = [
  {
    name: "port",
    key: "port",
    type: "int",
    default: 7453,
    rule: { type: "int", min: 0 },
    help: "TCP port, 0..65535; 0 picks a free one (7453 is Arbor's)",
  },
  {
    name: "host",
    key: "host",
    type: "string",
    arg: "HOST",
    default: "127.0.0.1",
    rule: { type: "string", nonEmpty: true },
    help: "interface to listen on",
  },
  {
    name: "dialect",
    key: "dialect",
    type: "string",
    arg: "D",
    default: "2025.11",
    rule: { type: "string", choices: ARBOR_DIALECTS },
    help: "wire dialect: 2025.11 (Arbor 0.2.16, job ids) or 2025.06 (Arbor 0.2.1, flat initialize)",
  },
  {
    name: "output-dir",
    key: "outputDir",
    type: "string",
    arg: "DIR",
    default: "./grpo_checkpoints",
    rule: { type: "string", nonEmpty: true },
    help: "job folders and checkpoints",
  },
  {
    name: "load-checkpoint",
    key: "loadCheckpoint",
    type: "string",
    arg: "DIR",
    rule: { type: "string", nonEmpty: true },
    help: "serve a saved checkpoint folder (holding policy.json) from the start",
  },
  {
    name: "seed",
    key: "seed",
    type: "int",
    default: 0,
    rule: { type: "int" },
    help: "seed of the policy and of unseeded sampling",
  },
  {
    name: "max-body-bytes",
    key: "maxBodyBytes",
    type: "int",
    default: DEFAULT_MAX_BODY_BYTES,
    rule: { type: "int", min: 1 },
    help: "largest accepted request body; larger gets 413",
  },
  HELP_FLAG,
];

const HELP = `deno task arbor:embedded [options]

Serves an Arbor-compatible GRPO server over a small trainable CPU policy (no GPU, no LM). Point
the GRPO client (or DSPy) at the printed /v1/ URL. Stops on Ctrl-C (SIGINT) or SIGTERM.
${formatFlags(ARBOR_EMBEDDED_FLAGS).join("\n")}`;

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
  const values = parseFlags(args, ARBOR_EMBEDDED_FLAGS).values as {
    port: number;
    host: string;
    dialect: ArborDialect;
    outputDir: string;
    loadCheckpoint?: string;
    seed: number;
    maxBodyBytes: number;
    help: boolean;
  };
  const log = options.log ?? console.log;
  if (values.help) {
    log(HELP);
    return 0;
  }
  if (values.port > 65535) throw new UsageError(`--port must be in 0..65535; got ${values.port}`);
  const signal = options.signal ?? signalFromOs();
  const server = await startEmbeddedServer({
    createPolicy: options.createPolicy ?? createDefaultPolicy,
    dialect: values.dialect,
    hostname: values.host,
    port: values.port,
    outputDir: values.outputDir,
    loadCheckpoint: values.loadCheckpoint ?? null,
    seed: values.seed,
    maxBodyBytes: values.maxBodyBytes,
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
