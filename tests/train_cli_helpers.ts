/**
 * Shared helpers of the `deno task train` CLI tests: run the CLI as a real subprocess (so exit
 * codes and stdout/stderr are what a user sees), a temp folder with every output path in it,
 * split files of the tiny sample dataset, and JSONL/file-tree readers.
 *
 * @module
 */

import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadLocomo, splitLocomo } from "../mod.ts";
import { writeSplits } from "../lib/data/mod.ts";

/** A question and its gold answer. */
export interface GoldAnswer {
  /** The question text. */
  question: string;
  /** The gold answer (`null` for adversarial questions). */
  answer: string | number | null;
}

/** The train CLI's entry point. */
export const TRAIN_CLI: string = fileURLToPath(new URL("../lib/cli/train.ts", import.meta.url));

/** The repository's tiny LOCOMO-shaped sample (3 conversations, 13 questions). */
export const MINI_LOCOMO: string = fileURLToPath(
  new URL("../data/sample/mini_locomo.json", import.meta.url),
);

/** What a finished CLI process left. */
export interface CliResult {
  /** Exit code. */
  code: number;
  /** Standard output. */
  stdout: string;
  /** Standard error. */
  stderr: string;
}

/** Options of {@link runTrainCli} and {@link spawnTrainCli}. */
export interface CliRunOptions {
  /** Working directory. Default: the run's temp root when given via `paths`, else the cwd. */
  cwd?: string;
  /** Extra environment variables. Default: none. */
  env?: Record<string, string>;
  /** Kill the process after this many ms (a hang then fails the test). Default: 45 000. */
  timeoutMs?: number;
}

/** The environment every CLI run gets: no colours, no backtraces, no inherited API keys. */
function cliEnv(extra: Record<string, string> = {}): Record<string, string> {
  const keep = ["PATH", "HOME", "DENO_DIR", "TMPDIR", "XDG_CACHE_HOME"];
  const env: Record<string, string> = {};
  for (const name of keep) {
    const value = Deno.env.get(name);
    if (value !== undefined) env[name] = value;
  }
  return { ...env, NO_COLOR: "1", RUST_BACKTRACE: "0", ...extra };
}

/** The `deno run` command of the train CLI with `args`. */
function trainCommand(
  args: readonly string[],
  options: CliRunOptions,
  signal?: AbortSignal,
): Deno.Command {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", TRAIN_CLI, ...args],
    clearEnv: true,
    env: cliEnv(options.env),
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(signal ? { signal } : {}),
  });
}

/** Runs the train CLI to completion (killed after `timeoutMs`) and returns code and output. */
export async function runTrainCli(
  args: readonly string[],
  options: CliRunOptions = {},
): Promise<CliResult> {
  const signal = AbortSignal.timeout(options.timeoutMs ?? 45_000);
  const out = await trainCommand(args, options, signal).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}

/** Starts the train CLI without waiting (stdout and stderr are discarded). */
export function spawnTrainCli(
  args: readonly string[],
  options: CliRunOptions = {},
): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", TRAIN_CLI, ...args],
    clearEnv: true,
    env: cliEnv(options.env),
    stdin: "null",
    stdout: "null",
    stderr: "null",
    ...(options.cwd ? { cwd: options.cwd } : {}),
  }).spawn();
}

/** Every output path of one test run, all inside a fresh temp folder. */
export interface RunPaths {
  /** The temp folder (use it as the cwd too). */
  root: string;
  /** Split files folder. */
  dataDir: string;
  /** Run records folder. */
  runDir: string;
  /** Checkpoints folder. */
  outputDir: string;
  /** Saved program file. */
  programOut: string;
  /** arbor.yaml. */
  arborConfig: string;
  /** The CLI flags naming all of the above. */
  args: string[];
}

/** Creates a temp folder and the output paths inside it. */
export async function tempRun(prefix = "train_cli_"): Promise<RunPaths> {
  const root = await Deno.makeTempDir({ prefix });
  const paths = {
    root,
    dataDir: join(root, "data"),
    runDir: join(root, "run"),
    outputDir: join(root, "checkpoints"),
    programOut: join(root, "program.json"),
    arborConfig: join(root, "arbor.yaml"),
  };
  return {
    ...paths,
    args: [
      "--data-dir",
      paths.dataDir,
      "--run-dir",
      paths.runDir,
      "--output-dir",
      paths.outputDir,
      "--program-out",
      paths.programOut,
      "--arbor-config",
      paths.arborConfig,
    ],
  };
}

/**
 * Writes split files of the sample dataset into `dataDir` (one conversation per split; the
 * default 60/20/20 split cannot divide three conversations) and returns the train and
 * validation questions with their gold answers.
 */
export async function writeMiniSplits(dataDir: string): Promise<GoldAnswer[]> {
  const dataset = await loadLocomo(MINI_LOCOMO);
  const splits = splitLocomo(dataset, { trainRatio: 1 / 3, valRatio: 1 / 3, testRatio: 1 / 3 });
  await writeSplits(splits, dataDir);
  return [...splits.train.examples, ...splits.val.examples].map((e) => ({
    question: e.question,
    answer: e.answer,
  }));
}

/** Parses a JSONL file (one object per non-empty line). */
export async function readJsonl(path: string): Promise<Record<string, unknown>[]> {
  const text = await Deno.readTextFile(path);
  return text.split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l));
}

/** Every file below `dir` (recursively), as paths. */
export async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) out.push(...await filesUnder(path));
    else if (entry.isFile) out.push(path);
  }
  return out.sort();
}

/** A local port nothing listens on (bound, then released). */
export function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/** Whether a line looks like part of a stack trace. */
export function isStackLine(line: string): boolean {
  return /^\s+at\s/.test(line) || /\.ts:\d+:\d+/.test(line);
}
