/**
 * GRPO job logic of the strict Arbor stand-in, for both dialects. Handlers get a parsed JSON
 * body and return `[status, body]`; protocol violations become 400 (HEAD's ValueError shape)
 * and schema violations 422 (FastAPI's shape).
 *
 * @module
 */

import type { z } from "../lib/deps.ts";
import {
  groupItem,
  headCheckpoint,
  headInitialize,
  headJobId,
  headStep,
  midCheckpoint,
  midInitializeLoose,
  midInitializeStrict,
  midStep,
  validationDetails,
} from "./arbor_standin_schemas.ts";

/** A handler's reply: status and JSON body. */
export type Reply = [number, unknown];

class Reject extends Error {
  constructor(readonly reply: Reply) {
    super("rejected");
  }
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) throw new Reject([422, { detail: validationDetails(result.error) }]);
  return result.data;
}

function valueError(message: string): never {
  throw new Reject([400, { type: "ValueError", message, timestamp: new Date().toISOString() }]);
}

function checkGroup(batch: unknown[], numGenerations: number): void {
  if (batch.some(Array.isArray)) valueError("batch must be a flat list of items (one group)");
  if (batch.length !== numGenerations) {
    valueError(`batch must hold num_generations = ${numGenerations} items; got ${batch.length}`);
  }
  batch.forEach((item) => parse(groupItem, item));
}

/** One HEAD job. */
export interface HeadJob {
  /** Job id. */
  id: string;
  /** Group size. */
  numGenerations: number;
  /** Optimizer steps the trainer runs. */
  maxSteps: number;
  /** Groups received. */
  received: number;
  /** Batch ids received. */
  receivedIds: Set<number>;
  /** `running` or `cancelled` (HEAD never marks a terminated job otherwise). */
  status: string;
  /** Whether the trainer process lives (it is killed by terminate and cancel). */
  trainerAlive: boolean;
  /** Checkpoint records by name. */
  checkpoints: Record<string, unknown>;
  /** Last checkpoint name. */
  lastCheckpoint: string | null;
}

/** Scriptable trainer behaviour. */
export interface TrainerScript {
  /** Batch ids requested ahead (HEAD `num_batches_ahead` + 1). */
  pendingAhead: number;
  /** When `true`, the trainer requests no more batches (a crashed or stuck trainer). */
  stopped: boolean;
}

/** The HEAD (2025.11) GRPO routes. */
export class HeadJobs {
  /** Jobs by id. */
  readonly jobs: Map<string, HeadJob> = new Map();

  /** Builds the routes around a trainer script. */
  constructor(readonly script: TrainerScript) {}

  #pending(job: HeadJob): number[] {
    if (this.script.stopped || !job.trainerAlive) return [];
    const left = Math.max(0, job.maxSteps - job.received);
    const count = Math.min(this.script.pendingAhead, left);
    return Array.from({ length: count }, (_, i) => job.received + i);
  }

  #status(job: HeadJob): unknown {
    return {
      job_id: job.id,
      status: job.status,
      current_model: job.id,
      checkpoints: job.checkpoints,
      last_checkpoint: job.lastCheckpoint,
      pending_batch_ids: this.#pending(job),
    };
  }

  #job(id: string): HeadJob {
    const job = this.jobs.get(id);
    if (job === undefined) valueError(`Job ${id} not found`);
    return job;
  }

  /** Dispatches `grpo/<name>`. */
  handle(name: string, body: unknown): Reply {
    try {
      return [200, this.#route(name, body)];
    } catch (error) {
      if (error instanceof Reject) return error.reply;
      throw error;
    }
  }

  #route(name: string, body: unknown): unknown {
    switch (name) {
      case "initialize":
        return this.#initialize(parse(headInitialize, body));
      case "status":
        return this.#status(this.#job(parse(headJobId, body).job_id));
      case "step": {
        const req = parse(headStep, body);
        const job = this.#job(req.job_id);
        const pending = this.#pending(job);
        if (req.batch_id == null) valueError("stand-in requires batch_id");
        if (job.receivedIds.has(req.batch_id)) {
          valueError(`batch_id ${req.batch_id} was already submitted`);
        }
        if (!pending.includes(req.batch_id)) {
          valueError(
            `batch_id ${req.batch_id} is not pending (pending ${JSON.stringify(pending)})`,
          );
        }
        checkGroup(req.batch, job.numGenerations);
        job.receivedIds.add(req.batch_id);
        job.received += 1;
        return this.#status(job);
      }
      case "checkpoint": {
        const req = parse(headCheckpoint, body);
        const job = this.#job(req.job_id);
        job.checkpoints[req.checkpoint_name] = {
          checkpoint_name: req.checkpoint_name,
          checkpoint_dir: `/standin/storage/${job.id}/checkpoints/${req.checkpoint_name}`,
          global_step: job.received,
          requested: true,
          metadata: req.metadata ?? null,
          timestamp: Date.now() / 1000,
        };
        job.lastCheckpoint = req.checkpoint_name;
        return this.#status(job);
      }
      case "terminate":
      case "cancel": {
        const job = this.#job(parse(headJobId, body).job_id);
        if (name === "cancel" && !job.trainerAlive) {
          throw new Reject([404, { detail: `Job ${job.id} is not running` }]);
        }
        if (name === "terminate") job.lastCheckpoint = "checkpoint_final";
        else job.status = "cancelled"; // a terminated job stays "running" at HEAD
        job.trainerAlive = false;
        return this.#status(job);
      }
      default:
        throw new Reject([404, { detail: "Not Found" }]);
    }
  }

  #initialize(req: z.output<typeof headInitialize>): unknown {
    const tc = req.trainer_config;
    if (tc.max_seq_len == null || req.inference_config.max_seq_len == null) {
      throw new Reject([500, {
        type: "StandinHang",
        message: "stand-in: max_seq_len is missing in trainer_config or inference_config; " +
          "a real Arbor trainer raises at start-up and initialize would hang forever",
        timestamp: new Date().toISOString(),
      }]);
    }
    const g = tc.num_generations ?? 8;
    const accum = tc.gradient_accumulation_steps ?? 1;
    const gpus = req.gpu_config?.multi.num_training_gpus ?? 1;
    if (tc.num_training_gpus != null && tc.num_training_gpus !== gpus) {
      valueError("trainer_config.num_training_gpus differs from gpu_config");
    }
    if (g < 2) valueError("num_generations must be at least 2");
    if (((tc.per_device_train_batch_size ?? 8) * gpus * accum) % g !== 0) {
      valueError("generation_batch_size must be a multiple of num_generations");
    }
    if (g < gpus * accum) valueError("num_generations must be ≥ world_size × grad accumulation");
    if (tc.max_steps == null || tc.max_steps <= 0) valueError("max_steps must be > 0");
    const base = req.model.split("/").pop()!.toLowerCase();
    const id = `grpo:${base}:${req.run_name ?? "brave-otter"}:20251117`;
    const job: HeadJob = {
      id,
      numGenerations: g,
      maxSteps: tc.max_steps,
      received: 0,
      receivedIds: new Set(),
      status: "running",
      trainerAlive: true,
      checkpoints: {},
      lastCheckpoint: null,
    };
    this.jobs.set(id, job);
    return this.#status(job);
  }
}

/** The mid-2025 (2025.06) GRPO routes: one global job. */
export class MidJobs {
  /** Whether `initialize` succeeded and `terminate` has not run. */
  running = false;
  /** Group size of the job. */
  numGenerations = 8;
  /** Groups received. */
  received = 0;
  /** The output dir (`current_model` after the first step). */
  outputDir = "";
  /** Checkpoint paths by name. */
  checkpoints: Record<string, string> = {};

  /** Builds the routes; `strict` rejects unknown initialize fields. */
  constructor(readonly strict: boolean) {}

  /** Dispatches `grpo/<name>`. */
  handle(name: string, body: unknown): Reply {
    try {
      return [200, this.#route(name, body)];
    } catch (error) {
      if (error instanceof Reject) return error.reply;
      throw error;
    }
  }

  #reply(currentModel: string): unknown {
    const names = Object.keys(this.checkpoints);
    return {
      status: "success",
      current_model: currentModel,
      checkpoints: this.checkpoints,
      last_checkpoint: names.at(-1) ?? null,
    };
  }

  #route(name: string, body: unknown): unknown {
    switch (name) {
      case "initialize": {
        const req = parse(this.strict ? midInitializeStrict : midInitializeLoose, body);
        const g = req.num_generations ?? 8;
        if (g < 2) valueError("num_generations must be at least 2 (TRL would crash → hang)");
        const batch = (req.per_device_train_batch_size ?? 8) *
          (req.gradient_accumulation_steps ?? 1);
        if (batch % g !== 0) valueError("TRL: global batch must be divisible by num_generations");
        const base = req.model.split("/").pop()!.toLowerCase();
        this.outputDir = `/standin/storage/models/grpo:${base}:${
          req.suffix ?? "x"
        }:20250613_101500`;
        this.numGenerations = g;
        this.running = true;
        this.received = 0;
        this.checkpoints = {};
        return { status: "success" };
      }
      case "step": {
        const req = parse(midStep, body);
        if (!this.running) throw new Reject([500, "Internal Server Error"]);
        checkGroup(req.batch, this.numGenerations);
        this.received += 1;
        return this.#reply(this.outputDir);
      }
      case "checkpoint": {
        const req = parse(midCheckpoint, body);
        if (!this.running) throw new Reject([500, "Internal Server Error"]);
        this.checkpoints[req.checkpoint_name] =
          `${this.outputDir}/checkpoints/${req.checkpoint_name}`;
        return this.#reply(this.outputDir);
      }
      case "terminate": {
        const model = this.outputDir;
        this.running = false;
        return this.#reply(model);
      }
      default:
        throw new Reject([404, { detail: "Not Found" }]);
    }
  }
}
