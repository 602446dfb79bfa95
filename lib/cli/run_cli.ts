/**
 * The common entry point of every `deno task` command: exit codes and clean error messages.
 *
 * @module
 */

/** A command-line usage error (unknown flag, bad value); printed with a hint to `--help`. */
export class UsageError extends Error {
  /** Builds the error. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "UsageError";
  }
}

/**
 * Runs a command's `main`, turning thrown errors into a one-line message on stderr and exit
 * code 1 (2 for usage errors, whose line also points to `--help`). Stack traces are printed only when `MEMGRPO_DEBUG=1`.
 */
export async function runCli(main: (args: string[]) => Promise<number | void>): Promise<void> {
  let code = 0;
  try {
    code = (await main(Deno.args)) ?? 0;
  } catch (error) {
    const debug = Deno.env.get("MEMGRPO_DEBUG") === "1";
    const err = error instanceof Error ? error : new Error(String(error));
    const usage = err instanceof UsageError ||
      (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    // One line: the message (and, for a usage error, where the options are listed).
    console.error(`error: ${err.message}${usage ? " (run with --help to see the options)" : ""}`);
    code = usage ? 2 : 1;
    if (debug) console.error(err.stack);
  }
  Deno.exit(code);
}
