/**
 * The state one server's routes share.
 *
 * @module
 */

import type { JobStore } from "./job_store.ts";
import type { PolicyRegistry } from "./policy_registry.ts";
import type { ResolvedServerConfig } from "./server_options.ts";

/** Shared state of one server instance (no globals: two servers never share anything). */
export interface ServerContext {
  /** The resolved options. */
  config: ResolvedServerConfig;
  /** The GRPO jobs. */
  jobs: JobStore;
  /** Model name → policy routing for chat requests. */
  registry: PolicyRegistry;
  /** A fresh sampling seed for a request that has none (derived from the server seed). */
  nextSeed(): number;
}
