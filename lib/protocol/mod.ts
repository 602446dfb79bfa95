/**
 * The wire: what the client side (`lib/lm`, `lib/program`, `lib/arbor`, `lib/grpo`) and the server
 * side (`lib/embedded`) agree on, so that neither imports the other.
 *
 * - {@link ChatMessage} and {@link GroupItem}: the one chat message and the one GRPO group item.
 * - {@link ArborDialect}, {@link ARBOR_DIALECTS} and the zod request schemas of both dialects
 *   (the embedded server validates its input against them).
 * - Model-name rules: {@link stripModelPrefixes}, {@link arborModelName}, {@link arborChatModel}.
 * - The prompt format the QA program renders and a policy reads back: {@link MEMORY_HEADER},
 *   {@link QUESTION_PREFIX}, {@link renderMemoryLine}, {@link parseMemoryLine},
 *   {@link renderUserMessage}, …
 *
 * @module
 */

export {
  CHAT_ROLES,
  type ChatMessage,
  type ChatRequestBody,
  chatRequestSchema,
  type ChatRole,
  completionSchema,
  completionText,
  type GroupItem,
  type GroupItemBody,
  groupItemSchema,
  groupSchema,
  messageSchema,
  type WireCompletion,
} from "./chat.ts";
export {
  ARBOR_DIALECTS,
  type ArborDialect,
  gpuConfigSchema,
  headCheckpointSchema,
  headInitializeSchema,
  headStepSchema,
  headTrainerConfigSchema,
  inferenceLaunchSchema,
  jobIdSchema,
  midCheckpointSchema,
  midInitializeSchema,
  midStepSchema,
} from "./arbor_schemas.ts";
export type {
  GpuConfigBody,
  HeadCheckpointBody,
  HeadInitializeBody,
  HeadLoraConfig,
  HeadStepBody,
  HeadTrainerConfig,
  InferenceLaunchBody,
  JobIdBody,
  MidCheckpointBody,
  MidInitializeBody,
  MidStepBody,
} from "./arbor_bodies.ts";
export {
  arborChatModel,
  arborModelName,
  MODEL_PREFIXES,
  stripModelPrefixes,
} from "./model_name.ts";
export {
  ANSWER_LABEL_PATTERN,
  conversationHeader,
  EVIDENCE_HEADER,
  MEMORY_HEADER,
  MEMORY_LINE_PATTERN,
  type MemoryLineParts,
  type MemorySection,
  NO_MEMORIES,
  type ParsedMemoryLine,
  parseMemoryLine,
  parseQuestion,
  QUESTION_PREFIX,
  renderMemoryLine,
  renderQuestion,
  renderUserMessage,
} from "./prompt_format.ts";
