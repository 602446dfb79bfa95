/**
 * The jobs of one embedded server, keyed by job id (HEAD) or run name (mid-2025).
 *
 * @module
 */

import { UnknownJobError } from "./errors.ts";
import type { GrpoJob } from "./grpo_job.ts";

/** Read access to a server's jobs (for tests, notebooks and benchmarks). */
export interface ReadonlyJobStore {
  /** Every job, oldest first. */
  list(): GrpoJob[];
  /** The job with this id, or `undefined`. */
  find(jobId: string): GrpoJob | undefined;
}

/** The jobs of one server. */
export class JobStore implements ReadonlyJobStore {
  #jobs: Map<string, GrpoJob> = new Map();

  /** Adds a job; an existing job with the same id is replaced (as in Arbor). */
  add(job: GrpoJob): void {
    this.#jobs.delete(job.id);
    this.#jobs.set(job.id, job);
  }

  /** Every job, oldest first. */
  list(): GrpoJob[] {
    return [...this.#jobs.values()];
  }

  /** The job with this id, or `undefined`. */
  find(jobId: string): GrpoJob | undefined {
    return this.#jobs.get(jobId);
  }

  /**
   * The job with this id.
   *
   * @throws {UnknownJobError} when there is none.
   */
  get(jobId: string): GrpoJob {
    const job = this.#jobs.get(jobId);
    if (!job) throw new UnknownJobError(jobId, [...this.#jobs.keys()]);
    return job;
  }

  /** The most recently added job, or `undefined` (the mid-2025 dialect has one global job). */
  latest(): GrpoJob | undefined {
    return this.list().at(-1);
  }
}
