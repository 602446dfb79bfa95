/**
 * The LLM judge at the edge of every command that uses it (`train`, `evaluate`,
 * `train --mode evaluate`): the key it needs (read from the environment here, never written),
 * the probe that finds an unreachable or unauthorised judge before a run starts, and the exit
 * code of a run whose rows failed.
 *
 * @module
 */

import { JudgeUnavailableError } from "../metrics/judge_errors.ts";
import { probeJudge } from "../metrics/judge.ts";
import { UsageError } from "./run_cli.ts";

/** Exit code of an evaluation whose rows failed or were not judged (without `--allow-failures`). */
export const FAILED_ROWS_EXIT = 3;

/** Where the judge's key comes from, as named in messages. */
export const JUDGE_KEY_HINT = "JUDGE_API_KEY (or OPENAI_API_KEY)";

/** The judge's API key: `JUDGE_API_KEY`, else `OPENAI_API_KEY`, else `""`. */
export function judgeApiKey(env: (name: string) => string | undefined): string {
  return env("JUDGE_API_KEY") || env("OPENAI_API_KEY") || "";
}

function isOpenAi(url: string): boolean {
  try {
    return new URL(url).hostname.endsWith("openai.com");
  } catch {
    return false;
  }
}

/**
 * Refuses, before anything is started, a judge mode that needs a key which is missing: the
 * OpenAI endpoint always needs one (other endpoints are probed instead; a keyless local
 * server is fine).
 *
 * @throws {UsageError} naming `--judge` and the environment variables.
 */
export function checkJudgeKey(
  judge: string,
  options: { baseUrl: string; apiKey: string },
): void {
  if (judge === "f1" || options.apiKey !== "" || !isOpenAi(options.baseUrl)) return;
  throw new UsageError(
    `--judge ${judge} calls the judge at ${options.baseUrl}, which needs an API key: set ` +
      `${JUDGE_KEY_HINT}, point --judge-base-url at a keyless server, or use --judge f1`,
  );
}

/** Options of {@link probeJudgeAtEdge}. */
export interface JudgeProbeOptions {
  /** The judge endpoint. */
  baseUrl: string;
  /** The judge model. */
  model: string;
  /** The key (`""`: none). */
  apiKey: string;
  /** Go on without the judge when it is unavailable (rows "not judged"). Default: `false`. */
  allowFailures?: boolean;
  /** Receives the warning when going on without it. Default: `console.error`. */
  log?: (line: string) => void;
  /** Appended to the error's message (what the user can do). Default: see below. */
  hint?: string;
  /** Cancels the probe. Default: none. */
  signal?: AbortSignal;
}

const DEFAULT_HINT = " (check --judge-base-url and --judge-model, use --judge f1, or pass " +
  "--allow-failures to score F1 without the judge)";

/**
 * Probes an LM endpoint before a run and throws only what a run could not get past: no server
 * (after three tries, so one dropped connection of a flaky endpoint does not stop a run), a
 * refused key, an unknown model. An endpoint that answers with a server error or a rate limit
 * is up: the run's retrying client deals with that, and `log` gets a warning.
 *
 * @throws {JudgeUnavailableError} naming the endpoint, the model and what is wrong.
 */
export async function probeEndpoint(
  baseUrl: string,
  model: string,
  options: {
    apiKey: string;
    keyHint: string;
    role?: string;
    log?: (line: string) => void;
    signal?: AbortSignal;
  },
): Promise<void> {
  for (let attempt = 1;; attempt++) {
    try {
      await probeJudge(baseUrl, model, {
        apiKey: options.apiKey,
        keyHint: options.keyHint,
        ...(options.role ? { role: options.role } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      return;
    } catch (error) {
      if (!(error instanceof JudgeUnavailableError)) throw error;
      if (error.problem === "refused") {
        (options.log ?? console.error)(`warning: ${error.message}; going on (it may recover)`);
        return;
      }
      if (error.problem !== "unreachable" || attempt >= 3) throw error;
    }
  }
}

/**
 * Probes the judge (one tiny request). Returns `null` when it answers; when it does not, throws
 * or, with `allowFailures`, warns and returns the reason (every row is then "not judged").
 *
 * @throws {JudgeUnavailableError} with a hint at the flags, unless `allowFailures`.
 */
export async function probeJudgeAtEdge(options: JudgeProbeOptions): Promise<string | null> {
  try {
    await probeEndpoint(options.baseUrl, options.model, {
      apiKey: options.apiKey,
      keyHint: JUDGE_KEY_HINT,
      ...(options.log ? { log: options.log } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return null;
  } catch (error) {
    if (!(error instanceof JudgeUnavailableError)) throw error;
    if (options.allowFailures) {
      (options.log ?? console.error)(
        `warning: ${error.message}; going on without it (--allow-failures): every row is ` +
          '"not judged" and J is not reported.',
      );
      return `${error.problem}: ${error.message}`;
    }
    error.message += options.hint ?? DEFAULT_HINT;
    throw error;
  }
}
