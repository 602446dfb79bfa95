/**
 * The 2025.11 (HEAD) GRPO routes: `initialize`, `status`, `step`, `checkpoint`, `cancel`,
 * `terminate` (all returning `GRPOStatus`), plus the embedded `GET …/metrics` extension.
 *
 * @module
 */

import { detailResponse, jsonResponse } from "./error_response.ts";
import { JobStateError, RequestValidationError } from "./errors.ts";
import { headJobId, randomSlug } from "./job_id.ts";
import { assertSafeName, createJob, toGroup } from "./job_setup.ts";
import { grpoStatus, metricsView } from "./job_views.ts";
import {
  headCheckpointSchema,
  headInitializeSchema,
  headStepSchema,
  jobIdSchema,
  stripModelPrefixes,
} from "../protocol/mod.ts";
import type { Route, ServerContext } from "./router.ts";
import { resolveHeadTraining } from "./training_config.ts";
import { parseBody } from "./validation.ts";

const GRPO = "/v1/fine_tuning/grpo";

function pickSlug(context: ServerContext, model: string, date: Date): string {
  for (;;) {
    const slug = randomSlug();
    if (!context.jobs.find(headJobId(model, slug, date))) return slug;
  }
}

/** The HEAD GRPO routes. */
export function headRoutes(context: ServerContext): Route[] {
  const now = () => context.config.now();
  return [
    {
      method: "POST",
      path: `${GRPO}/initialize`,
      summary: "Start a GRPO job; returns GRPOStatus (+ ignored_fields)",
      requestSchema: headInitializeSchema,
      async handle({ body }) {
        const raw = await body();
        const request = parseBody(headInitializeSchema, raw);
        if (request.run_name != null) assertSafeName(request.run_name, "run_name");
        const model = stripModelPrefixes(request.model);
        const training = resolveHeadTraining(request, raw);
        const date = now();
        const id = headJobId(model, request.run_name ?? pickSlug(context, model, date), date);
        const job = await createJob(context, { id, model, training, request: raw });
        return jsonResponse({ ...grpoStatus(job), ignored_fields: training.ignoredFields });
      },
    },
    {
      method: "POST",
      path: `${GRPO}/status`,
      summary: "A job's GRPOStatus with pending_batch_ids",
      requestSchema: jobIdSchema,
      async handle({ body }) {
        const { job_id } = parseBody(jobIdSchema, await body());
        return jsonResponse(grpoStatus(context.jobs.get(job_id)));
      },
    },
    {
      method: "POST",
      path: `${GRPO}/step`,
      summary: "Hand over one group of exactly num_generations items; trains one group",
      requestSchema: headStepSchema,
      async handle({ body }) {
        const request = parseBody(headStepSchema, await body());
        const job = context.jobs.get(request.job_id);
        const group = toGroup(request.batch, job.training.numGenerations);
        job.step(group, request.metrics ?? null, now());
        return jsonResponse(grpoStatus(job));
      },
    },
    {
      method: "POST",
      path: `${GRPO}/checkpoint`,
      summary: "Save the policy under <output>/<job folder>/checkpoints/<name>/",
      requestSchema: headCheckpointSchema,
      async handle({ body }) {
        const request = parseBody(headCheckpointSchema, await body());
        assertSafeName(request.checkpoint_name, "checkpoint_name");
        const job = context.jobs.get(request.job_id);
        if (job.lifecycle !== "running") {
          throw new JobStateError({ jobId: job.id, state: job.lifecycle, action: "checkpoint" });
        }
        await job.checkpoint(request.checkpoint_name, request.metadata ?? null, now());
        return jsonResponse(grpoStatus(job));
      },
    },
    {
      method: "POST",
      path: `${GRPO}/cancel`,
      summary: "Cancel a running job (404 if unknown or finished)",
      requestSchema: jobIdSchema,
      async handle({ body }) {
        const { job_id } = parseBody(jobIdSchema, await body());
        const job = context.jobs.find(job_id);
        if (!job || job.lifecycle !== "running") {
          return detailResponse(404, `Job ${job_id} not found or no longer running`);
        }
        job.lifecycle = "cancelled";
        return jsonResponse(grpoStatus(job));
      },
    },
    {
      method: "POST",
      path: `${GRPO}/terminate`,
      summary: "Save checkpoint_final and stop training (the job's policy stays served)",
      requestSchema: jobIdSchema,
      async handle({ body }) {
        const { job_id } = parseBody(jobIdSchema, await body());
        const job = context.jobs.get(job_id);
        if (job.lifecycle === "cancelled") {
          throw new JobStateError({ jobId: job.id, state: "cancelled", action: "terminate" });
        }
        if (job.lifecycle === "running") {
          await job.checkpoint("checkpoint_final", null, now());
          job.lifecycle = "terminated";
        }
        return jsonResponse(grpoStatus(job));
      },
    },
    {
      method: "GET",
      path: `${GRPO}/metrics`,
      summary: "Embedded extension: per-step loss, kl, grad_norm, rewards (?job_id=)",
      handle({ url }) {
        const jobId = url.searchParams.get("job_id");
        if (jobId === null) {
          throw new RequestValidationError([
            { type: "missing", loc: ["query", "job_id"], msg: "Field required" },
          ]);
        }
        return jsonResponse(metricsView(context.jobs.get(jobId)));
      },
    },
  ];
}
