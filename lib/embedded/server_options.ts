/**
 * Options of the embedded Arbor-compatible server and their defaults, resolved once.
 *
 * @module
 */

import { resolve } from "node:path";
import { ARBOR_DIALECTS, type ArborDialect } from "../protocol/mod.ts";
import type { PolicyFactory } from "./policy_types.ts";

/** Default request-body limit: 8 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

/** Options of `startEmbeddedServer`. */
export interface EmbeddedServerOptions {
  /** Builds or restores policies (required). */
  createPolicy: PolicyFactory;
  /** The wire dialect of this instance. Default: `"2025.11"`. */
  dialect?: ArborDialect;
  /** Interface to listen on. Default: `"127.0.0.1"`. */
  hostname?: string;
  /** TCP port; `0` picks a free port. Default: `0`. */
  port?: number;
  /** Root folder of job folders and checkpoints. Default: `"./grpo_checkpoints"`. */
  outputDir?: string;
  /** Largest accepted request body in bytes (larger → 413). Default: 8 MiB. */
  maxBodyBytes?: number;
  /** Seed of policies and of sampling when a request has no seed. Default: `0`. */
  seed?: number;
  /** A checkpoint folder (holding `policy.json`) to serve from the start. Default: `null`. */
  loadCheckpoint?: string | null;
  /** The clock (job ids, timestamps). Default: `() => new Date()`. */
  now?: () => Date;
}

/** {@link EmbeddedServerOptions} with every default filled in. */
export interface ResolvedServerConfig {
  /** See {@link EmbeddedServerOptions.createPolicy}. */
  createPolicy: PolicyFactory;
  /** See {@link EmbeddedServerOptions.dialect}. */
  dialect: ArborDialect;
  /** See {@link EmbeddedServerOptions.hostname}. */
  hostname: string;
  /** See {@link EmbeddedServerOptions.port}. */
  port: number;
  /** Absolute path of {@link EmbeddedServerOptions.outputDir}. */
  outputDir: string;
  /** See {@link EmbeddedServerOptions.maxBodyBytes}. */
  maxBodyBytes: number;
  /** See {@link EmbeddedServerOptions.seed}. */
  seed: number;
  /** Absolute path of {@link EmbeddedServerOptions.loadCheckpoint}, or `null`. */
  loadCheckpoint: string | null;
  /** See {@link EmbeddedServerOptions.now}. */
  now: () => Date;
}

/**
 * Checks the options and fills in defaults.
 *
 * @throws {TypeError} when `createPolicy` is missing or the dialect is unknown.
 * @throws {RangeError} when port, maxBodyBytes or seed is out of range.
 */
export function resolveServerOptions(options: EmbeddedServerOptions): ResolvedServerConfig {
  if (typeof options?.createPolicy !== "function") {
    throw new TypeError(
      `createPolicy must be a function (init) => TrainablePolicy; got ${typeof options
        ?.createPolicy}`,
    );
  }
  const dialect = options.dialect ?? "2025.11";
  if (!ARBOR_DIALECTS.includes(dialect)) {
    throw new TypeError(
      `dialect must be one of ${ARBOR_DIALECTS.join(", ")}; got ${JSON.stringify(dialect)}`,
    );
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`port must be an integer in 0..65535; got ${port}`);
  }
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw new RangeError(`maxBodyBytes must be a positive integer; got ${maxBodyBytes}`);
  }
  const seed = options.seed ?? 0;
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`seed must be a safe integer; got ${seed}`);
  }
  const loadCheckpoint = options.loadCheckpoint ?? null;
  return {
    createPolicy: options.createPolicy,
    dialect,
    hostname: options.hostname ?? "127.0.0.1",
    port,
    outputDir: resolve(options.outputDir ?? "./grpo_checkpoints"),
    maxBodyBytes,
    seed,
    loadCheckpoint: loadCheckpoint === null ? null : resolve(loadCheckpoint),
    now: options.now ?? (() => new Date()),
  };
}
