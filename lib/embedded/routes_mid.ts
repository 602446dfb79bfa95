/**
 * The 2025.06 (mid-2025) GRPO routes: flat `initialize`, push-style `step`, `checkpoint`,
 * `terminate` (no body) over one global job, `GET /health`, and the embedded
 * `GET …/metrics` extension.
 *
 * @module
 */

import { join } from "node:path";
import { writeFileAtomic } from "../io/mod.ts";
import { METADATA_FILE, POLICY_FILE } from "./checkpoint_files.ts";
import { jsonResponse } from "./error_response.ts";
import { JobStateError } from "./errors.ts";
import type { GrpoJob } from "./grpo_job.ts";
import { midRunName, randomSuffix } from "./job_id.ts";
import { assertSafeName, createJob, toGroup } from "./job_setup.ts";
import { metricsView, midStatus } from "./job_views.ts";
import {
  midCheckpointSchema,
  midInitializeSchema,
  midStepSchema,
  stripModelPrefixes,
} from "../protocol/mod.ts";
import { ARBOR_VERSION_OF } from "./openapi.ts";
import type { Route, ServerContext } from "./router.ts";
import { resolveMidTraining } from "./training_config.ts";
import { parseBody } from "./validation.ts";

const GRPO = "/v1/fine_tuning/grpo";

function currentJob(context: ServerContext, action: string): GrpoJob {
  const job = context.jobs.latest();
  if (!job) {
    throw new JobStateError({
      jobId: "(none)",
      state: "not initialized",
      action,
      hint: "POST /v1/fine_tuning/grpo/initialize first.",
    });
  }
  return job;
}

function runningJob(context: ServerContext, action: string): GrpoJob {
  const job = currentJob(context, action);
  if (job.lifecycle !== "running") {
    throw new JobStateError({
      jobId: job.id,
      state: job.lifecycle,
      action,
      hint: "Initialize a new job.",
    });
  }
  return job;
}

/** The mid-2025 GRPO routes and `/health`. */
export function midRoutes(context: ServerContext): Route[] {
  const now = () => context.config.now();
  return [
    {
      method: "POST",
      path: `${GRPO}/initialize`,
      summary: 'Start the (single) GRPO job; returns {"status": "success"} (+ ignored_fields)',
      requestSchema: midInitializeSchema,
      async handle({ body }) {
        const raw = await body();
        const request = parseBody(midInitializeSchema, raw);
        if (request.suffix != null) assertSafeName(request.suffix, "suffix");
        const previous = context.jobs.latest();
        if (previous?.lifecycle === "running") {
          throw new JobStateError({
            jobId: previous.id,
            state: "running",
            action: "initialize another job while",
            hint: "POST /v1/fine_tuning/grpo/terminate first (mid-2025 Arbor runs one job).",
          });
        }
        const model = stripModelPrefixes(request.model);
        const training = resolveMidTraining(request, raw);
        const suffix = request.suffix ?? randomSuffix();
        const id = midRunName(model, suffix, now());
        await createJob(context, { id, model, training, request: raw });
        return jsonResponse({ status: "success", ignored_fields: training.ignoredFields });
      },
    },
    {
      method: "POST",
      path: `${GRPO}/step`,
      summary: "Push one group of exactly num_generations items; trains on it",
      requestSchema: midStepSchema,
      async handle({ body }) {
        const request = parseBody(midStepSchema, await body());
        const job = runningJob(context, "step");
        job.step(toGroup(request.batch, job.training.numGenerations), null, now());
        return jsonResponse(midStatus(job));
      },
    },
    {
      method: "POST",
      path: `${GRPO}/checkpoint`,
      summary: "Save the policy under <output>/<run>/checkpoints/<name>/",
      requestSchema: midCheckpointSchema,
      async handle({ body }) {
        const request = parseBody(midCheckpointSchema, await body());
        assertSafeName(request.checkpoint_name, "checkpoint_name");
        const job = runningJob(context, "checkpoint");
        await job.checkpoint(request.checkpoint_name, null, now());
        return jsonResponse(midStatus(job));
      },
    },
    {
      method: "POST",
      path: `${GRPO}/terminate`,
      summary: "Save the final policy (checkpoint_final and the run folder) and stop (no body)",
      async handle() {
        const job = currentJob(context, "terminate");
        if (job.lifecycle === "running") {
          const record = await job.checkpoint("checkpoint_final", null, now());
          await writeFileAtomic(join(job.dir, POLICY_FILE), JSON.stringify(job.policy.snapshot()));
          await writeFileAtomic(
            join(job.dir, METADATA_FILE),
            JSON.stringify(job.checkpointMetadata("final", null, record.timestamp), null, 2) + "\n",
          );
          job.lifecycle = "terminated";
        }
        return jsonResponse(midStatus(job));
      },
    },
    {
      method: "GET",
      path: "/health",
      summary: "Health (Arbor 2025-06-13 … 2025-08-04)",
      handle() {
        return jsonResponse({
          status: "healthy",
          version: ARBOR_VERSION_OF["2025.06"],
          versions: { arbor: ARBOR_VERSION_OF["2025.06"], server: "memgrpo-embedded" },
          timestamp: now().toISOString(),
          system: { gpus: 0, note: "embedded CPU policy; no GPU used" },
        });
      },
    },
    {
      method: "GET",
      path: `${GRPO}/metrics`,
      summary: "Embedded extension: per-step loss, kl, grad_norm, rewards of the job",
      handle({ url }) {
        const jobId = url.searchParams.get("job_id");
        const job = jobId === null
          ? currentJob(context, "read metrics of")
          : context.jobs.get(jobId);
        return jsonResponse(metricsView(job));
      },
    },
  ];
}
