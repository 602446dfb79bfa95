/**
 * The client side of Arbor: `arbor.yaml` and GPU ids, the trainer settings, and the GRPO client
 * for both wire dialects (detection, initialize/step/checkpoint/terminate, retries, errors).
 * The wire itself (dialect names, group items, model-name rules) is `lib/protocol`.
 *
 * @module
 */

// Types of other folders that this folder's signatures use.
export type { ArborDialect, ChatMessage, ChatRole, GroupItem } from "../protocol/mod.ts";

export {
  type ArborYamlConfig,
  arborYamlConfig,
  ensureArborYaml,
  type EnsureArborYamlResult,
  formatArborYaml,
  parseArborYaml,
  readArborYaml,
  writeArborYaml,
} from "./arbor_yaml.ts";
export { assertDisjointGpus, formatGpuIds, parseGpuIds } from "./gpu_ids.ts";
export { type GrpoLossType, type LoraSettings, type TrainerSettings } from "./trainer_settings.ts";
export {
  chatModelName,
  createArborClient,
  type CreateArborClientOptions,
} from "./create_client.ts";
export { type ArborClientOptions, DEFAULT_ARBOR_URL, normalizeArborUrl } from "./client_options.ts";
export { detectDialect, type DetectDialectOptions } from "./dialect.ts";
export type { FetchLike } from "./http.ts";
export { withArborJob, type WithArborJobOptions } from "./with_job.ts";
export type {
  ArborCallOptions,
  ArborCheckpoint,
  ArborClient,
  ArborJobState,
  ArborJobStatus,
  ArborStepOptions,
} from "./types.ts";
export {
  ArborConnectionError,
  ArborError,
  ArborHttpError,
  ArborProtocolError,
  ArborRequestTimeoutError,
  ArborStateError,
  ArborTimeoutError,
  ArborUnavailableError,
} from "./errors.ts";
