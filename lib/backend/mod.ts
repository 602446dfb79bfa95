/**
 * Starting the backend the client side talks to: {@link startBackend} starts the embedded
 * Arbor-compatible server (in-process) or finds a running Arbor server, and returns its base
 * URL. This is the one folder outside `lib/cli` that imports `lib/embedded`.
 *
 * @module
 */

// Types of other folders that this folder's signatures use.
export type { FetchLike } from "../arbor/mod.ts";
export type {
  GenerateRequest,
  GrpoHyperparams,
  PolicyFactory,
  PolicyInit,
  PolicyState,
  StepStats,
  TrainablePolicy,
} from "../embedded/mod.ts";
export type { ArborDialect, ChatMessage, ChatRole, GroupItem } from "../protocol/mod.ts";

export {
  type Backend,
  BACKEND_KINDS,
  type BackendKind,
  type StartArborOptions,
  startBackend,
  type StartEmbeddedOptions,
} from "./start_backend.ts";
