/**
 * `deno task jupyter [--install-only] [jupyter options…]`: opens the notebooks interactively.
 *
 * 1. Registers the project's Deno kernel (`memgrpo-deno`, the committed kernelspec in
 *    `notebooks/jupyter/kernels/`) in the user's Jupyter data folder: `JUPYTER_DATA_DIR`, else
 *    what `jupyter --data-dir` prints, else the platform default. The kernelspec runs this Deno
 *    by absolute path, so the kernel starts even where `deno` is not on `PATH`. (`deno jupyter
 *    --install` is not used: it ignores `JUPYTER_DATA_DIR`.)
 * 2. Checks that Jupyter is installed, and says how to get it when it is not.
 * 3. Starts JupyterLab (or, without it, the classic Notebook) on 127.0.0.1, a free port and a
 *    fresh token, with `notebooks/` open, and prints the URL once the server answers. Other
 *    arguments (e.g. `--no-browser`) go to Jupyter as they are.
 *
 * `--install-only` stops after step 1. Exits non-zero with a message on any failure.
 *
 * @module
 */

import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The name of the project's kernel (the notebooks' `kernelspec.name`). */
export const KERNEL_NAME = "memgrpo-deno";

const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const KERNELSPEC = join(root, "notebooks", "jupyter", "kernels", KERNEL_NAME, "kernel.json");

const INSTALL_HINT =
  "Install Jupyter with `pip install jupyterlab` (any OS), or on Debian/Ubuntu " +
  "with `sudo apt install jupyter-notebook`, then run `deno task jupyter` again.";

/** Jupyter is missing, or a Jupyter command failed. */
export class JupyterError extends Error {
  /** The command that failed, or `undefined` when Jupyter was not found at all. */
  readonly command: string | undefined;

  /** Makes the error; `command` is the failed command line. */
  constructor(message: string, options: { command?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "JupyterError";
    this.command = options.command;
  }
}

/** The front end `deno task jupyter` starts: JupyterLab, or the classic Notebook. */
export type JupyterApp = "lab" | "notebook";

async function output(cmd: string, args: string[]): Promise<string | undefined> {
  try {
    const { code, stdout } = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "null" })
      .output();
    return code === 0 ? new TextDecoder().decode(stdout).trim() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The Jupyter data folder kernels are registered in, as Jupyter itself finds it: `env`'s
 * `JUPYTER_DATA_DIR`, else the output of `jupyter --data-dir`, else the platform default
 * (`~/Library/Jupyter`, `%APPDATA%\jupyter`, `$XDG_DATA_HOME/jupyter` or `~/.local/share/jupyter`).
 *
 * @throws {JupyterError} when none can be found (no Jupyter and no home folder).
 */
export async function jupyterDataDir(env: Readonly<Record<string, string>>): Promise<string> {
  if (env.JUPYTER_DATA_DIR) return env.JUPYTER_DATA_DIR;
  const reported = await output("jupyter", ["--data-dir"]);
  if (reported) return reported;
  const home = env.HOME ?? env.USERPROFILE;
  if (Deno.build.os === "windows" && env.APPDATA) return join(env.APPDATA, "jupyter");
  if (Deno.build.os === "darwin" && home) return join(home, "Library", "Jupyter");
  if (env.XDG_DATA_HOME) return join(env.XDG_DATA_HOME, "jupyter");
  if (home) return join(home, ".local", "share", "jupyter");
  throw new JupyterError("cannot find the Jupyter data folder: set JUPYTER_DATA_DIR or HOME");
}

/**
 * Registers the project's kernel in `dataDir` (as `kernels/memgrpo-deno/kernel.json`), running
 * the Deno at `deno` (default: this one). Overwrites an earlier registration; returns the
 * kernel's folder.
 */
export async function installKernel(
  dataDir: string,
  options: { deno?: string } = {},
): Promise<string> {
  const spec = JSON.parse(await Deno.readTextFile(KERNELSPEC)) as { argv: string[] };
  spec.argv = [options.deno ?? Deno.execPath(), ...spec.argv.slice(1)];
  const dir = join(dataDir, "kernels", KERNEL_NAME);
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(join(dir, "kernel.json"), JSON.stringify(spec, null, 2) + "\n");
  return dir;
}

/** Which front end is installed: JupyterLab if present, else the classic Notebook, else `null`. */
export async function findJupyterApp(): Promise<JupyterApp | null> {
  if (await output("jupyter", ["lab", "--version"]) !== undefined) return "lab";
  if (await output("jupyter", ["notebook", "--version"]) !== undefined) return "notebook";
  return null;
}

/** A free TCP port on 127.0.0.1 (free when asked; the OS picks it). */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** A running Jupyter server (see {@link startJupyter}). */
export interface JupyterServer {
  /** The URL to open, with the token. */
  readonly url: string;
  /** The server's base URL, e.g. `http://127.0.0.1:8888`. */
  readonly base: string;
  /** The access token. */
  readonly token: string;
  /** The server process. */
  readonly process: Deno.ChildProcess;
}

/** Options of {@link startJupyter}. */
export interface StartJupyterOptions {
  /** The folder the server opens. */
  root: string;
  /** Port on 127.0.0.1. Default: a free one. */
  port?: number;
  /** Access token. Default: a random one. */
  token?: string;
  /** Extra arguments for `jupyter lab`/`jupyter notebook`. Default: none. */
  args?: readonly string[];
  /** Extra environment variables for the server (and so the kernels). Default: none. */
  env?: Readonly<Record<string, string>>;
  /** Where the server's output goes. Default: `inherit`. */
  stdio?: "inherit" | "null";
  /** Seconds to wait for the server to answer. Default: 60. */
  timeout?: number;
}

/**
 * Starts `jupyter <app>` bound to 127.0.0.1 and resolves once its API answers.
 *
 * @throws {JupyterError} when the server exits or does not answer in time.
 */
export async function startJupyter(
  app: JupyterApp,
  options: StartJupyterOptions,
): Promise<JupyterServer> {
  const port = options.port ?? freePort();
  const token = options.token ?? crypto.randomUUID().replaceAll("-", "");
  const args = [
    app,
    "--ip=127.0.0.1",
    `--port=${port}`,
    "--port-retries=0",
    `--notebook-dir=${options.root}`,
    // Jupyter refuses to run as root (containers, CI) without this.
    ...(Deno.uid() === 0 ? ["--allow-root"] : []),
    ...(options.args ?? []),
  ];
  const stdio = options.stdio ?? "inherit";
  const process = new Deno.Command("jupyter", {
    args,
    // Both the Notebook and jupyter_server read the token from JUPYTER_TOKEN.
    env: { ...options.env, JUPYTER_TOKEN: token },
    stdin: stdio,
    stdout: stdio,
    stderr: stdio,
  }).spawn();
  const base = `http://127.0.0.1:${port}`;
  const command = `jupyter ${args.join(" ")}`;
  let exited: Deno.CommandStatus | undefined;
  process.status.then((s) => exited = s);
  const deadline = Date.now() + (options.timeout ?? 60) * 1000;
  while (Date.now() < deadline) {
    if (exited !== undefined) {
      throw new JupyterError(`${command} exited with code ${exited.code} before answering`, {
        command,
      });
    }
    try {
      const response = await fetch(`${base}/api`);
      await response.body?.cancel();
      if (response.ok) {
        const url = `${base}/${app === "lab" ? "lab" : "tree"}?token=${token}`;
        return { url, base, token, process };
      }
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  process.kill("SIGTERM");
  throw new JupyterError(`${command} did not answer on ${base} in time`, { command });
}

async function main(args: string[]): Promise<number> {
  const env = Deno.env.toObject();
  const installOnly = args.includes("--install-only");
  const dataDir = await jupyterDataDir(env);
  const kernelDir = await installKernel(dataDir);
  console.log(`jupyter: registered the Deno kernel "${KERNEL_NAME}" in ${kernelDir}`);
  const app = await findJupyterApp();
  if (app === null) {
    const message =
      `jupyter: Jupyter is not installed (no \`jupyter lab\` or \`jupyter notebook\`). ` +
      INSTALL_HINT;
    if (installOnly) {
      console.warn(message);
      return 0;
    }
    throw new JupyterError(message);
  }
  if (installOnly) return 0;
  const server = await startJupyter(app, {
    root: join(root, "notebooks"),
    args: args.filter((a) => a !== "--install-only"),
    env: { PATH: [dirname(Deno.execPath()), env.PATH].filter((p) => p).join(delimiter) },
  });
  console.log(
    `\njupyter: ${app === "lab" ? "JupyterLab" : "Jupyter Notebook"} is running at\n\n` +
      `    ${server.url}\n\nOpen a notebook in notebooks/ (start with 01_data_and_split.ipynb) ` +
      `and pick the "memgrpo (Deno)" kernel if asked. Ctrl+C stops the server.`,
  );
  // Ctrl+C reaches Jupyter too (same process group); wait for it to shut down on its own terms.
  const ignore = () => {};
  Deno.addSignalListener("SIGINT", ignore);
  const status = await server.process.status;
  Deno.removeSignalListener("SIGINT", ignore);
  return status.code;
}

if (import.meta.main) {
  try {
    Deno.exit(await main(Deno.args));
  } catch (error) {
    console.error(error instanceof JupyterError ? error.message : error);
    Deno.exit(1);
  }
}
