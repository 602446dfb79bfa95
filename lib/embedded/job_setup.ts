/**
 * What both dialects do when a job starts and when a step arrives: build the policy (fresh or
 * from a checkpoint folder), write `config.json`, and turn a raw batch into a checked group.
 *
 * @module
 */

import { join, resolve } from "node:path";
import { writeFileAtomic } from "../io/mod.ts";
import { isCheckpointDir } from "./checkpoint_files.ts";
import { GroupSizeError, RequestValidationError } from "./errors.ts";
import { GrpoJob } from "./grpo_job.ts";
import { portableFolderName, randomSuffix } from "./job_id.ts";
import type { TrainablePolicy } from "./policy_types.ts";
import { completionText, type GroupItem, groupSchema } from "../protocol/mod.ts";
import type { ServerContext } from "./router.ts";
import type { JobTrainingConfig } from "./training_config.ts";
import { parseBody } from "./validation.ts";

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Checks that a name is safe as one folder name (no `/`, no `..`).
 *
 * @throws {RequestValidationError} (`value_error` at `["body", field]`) when it is not.
 */
export function assertSafeName(name: string, field: string): void {
  if (!SAFE_NAME.test(name) || name.length > 200) {
    throw new RequestValidationError([{
      type: "value_error",
      loc: ["body", field],
      msg: "Value error, must be 1-200 characters of letters, digits, '.', '_' or '-' " +
        "(it names a folder)",
      input: name,
    }]);
  }
}

async function policyFor(context: ServerContext, model: string): Promise<TrainablePolicy> {
  if (await isCheckpointDir(resolve(model))) {
    return (await context.registry.restore(resolve(model))).policy;
  }
  return context.config.createPolicy({ model, seed: context.config.seed });
}

/**
 * Creates a new, empty job folder under `outputDir`, exclusively: the folder is named after the
 * job id made portable ({@link portableFolderName}); when that folder exists (an earlier run with
 * the same run name, or another server process), a random suffix is added until the name is
 * free, so that no run ever writes into another run's folder. Returns the folder's path.
 */
export async function claimJobDir(outputDir: string, id: string): Promise<string> {
  await Deno.mkdir(outputDir, { recursive: true });
  const base = portableFolderName(id);
  for (let attempt = 0;; attempt++) {
    const dir = join(outputDir, attempt === 0 ? base : `${base}-${randomSuffix()}`);
    try {
      await Deno.mkdir(dir);
      return dir;
    } catch (error) {
      if (!(error instanceof Deno.errors.AlreadyExists) || attempt >= 20) throw error;
    }
  }
}

/**
 * Builds a job (policy fresh, or restored when `model` is a checkpoint folder) in a folder of its
 * own ({@link claimJobDir}) and saves its `config.json`.
 */
export async function createJob(
  context: ServerContext,
  fields: { id: string; model: string; training: JobTrainingConfig; request: unknown },
): Promise<GrpoJob> {
  const policy = await policyFor(context, fields.model);
  const job = new GrpoJob({
    id: fields.id,
    model: fields.model,
    dialect: context.config.dialect,
    dir: await claimJobDir(context.config.outputDir, fields.id),
    policy,
    training: fields.training,
    request: fields.request,
  });
  await Deno.mkdir(join(job.dir, "checkpoints"));
  await writeFileAtomic(
    join(job.dir, "config.json"),
    JSON.stringify(job.configDocument(), null, 2) + "\n",
  );
  context.jobs.add(job);
  return job;
}

/**
 * Turns a `/step` batch into a group: refuses a list of groups (400), validates every item
 * (422 with `["body", "batch", i, field]`), and extracts completion texts.
 *
 * @throws {GroupSizeError} for a nested batch.
 * @throws {RequestValidationError} for malformed items.
 */
export function toGroup(batch: unknown[], numGenerations: number): GroupItem[] {
  if (batch.some((item) => Array.isArray(item))) {
    throw new GroupSizeError({ expected: numGenerations, found: batch.length, nested: true });
  }
  const items = parseBody(groupSchema, batch, ["batch"]);
  return items.map((item) => ({
    messages: item.messages.map((m) => ({ role: m.role, content: m.content })),
    completion: { role: "assistant" as const, content: completionText(item.completion) },
    reward: item.reward,
  }));
}
