/**
 * `deno task notebooks [--html] [runner options] [notebooks/…ipynb]`: executes every notebook
 * headless on the Deno kernel with `tools/run_notebooks.py` (Debian's `/usr/bin/python3` with
 * nbclient), and prints each notebook's time.
 *
 * - Puts the project's kernelspec (`notebooks/jupyter`) on `JUPYTER_PATH` and this Deno on `PATH`
 *   (the kernelspec runs `deno jupyter --kernel`); never installs a kernel into the home folder.
 * - Skips with a message (exit 0) when nbclient is not installed.
 * - Stops with a message when LOCOMO is not available (`LOCOMO_PATH` or `data/locomo10.json`).
 * - `--html` also writes the executed copies (`notebooks/<name>.out.ipynb`) and renders them to
 *   `notebooks/<name>.out.html` with `jupyter nbconvert --template memgrpo` (a lab template that
 *   keeps SVG charts intact; Debian 12's nbconvert blanks them otherwise).
 *
 * @module
 */

import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const python = "/usr/bin/python3";

async function succeeds(cmd: string, args: string[]): Promise<boolean> {
  try {
    const { code } = await new Deno.Command(cmd, { args, stdout: "null", stderr: "null" })
      .output();
    return code === 0;
  } catch {
    return false;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isFile;
  } catch {
    return false;
  }
}

async function main(args: string[]): Promise<number> {
  if (!await succeeds(python, ["-c", "import nbclient"])) {
    console.log(
      `notebooks: skipped — ${python} cannot import nbclient. Install Jupyter from Debian: ` +
        "apt-get install -y python3-nbclient jupyter-client (and jupyter-nbconvert for --html)",
    );
    return 0;
  }
  const locomo = Deno.env.get("LOCOMO_PATH");
  if (locomo === undefined && !await exists(join(root, "data", "locomo10.json"))) {
    console.error(
      "notebooks: LOCOMO not found — run `deno task data` (downloads data/locomo10.json) or set " +
        "LOCOMO_PATH to a local copy of locomo10.json",
    );
    return 1;
  }
  const html = args.includes("--html");
  const runnerArgs = args.filter((a) => a !== "--html");
  if (html && !runnerArgs.includes("--write-executed")) runnerArgs.push("--write-executed");

  const env: Record<string, string> = {
    JUPYTER_PATH: [join(root, "notebooks", "jupyter"), Deno.env.get("JUPYTER_PATH")]
      .filter((p) => p).join(delimiter),
    PATH: [dirname(Deno.execPath()), Deno.env.get("PATH")].filter((p) => p).join(delimiter),
    RUST_BACKTRACE: "0",
    NO_COLOR: "1",
  };
  // Notebooks run in their own folder: a relative LOCOMO_PATH must become absolute first.
  if (locomo !== undefined) env.LOCOMO_PATH = resolve(locomo);

  const run = await new Deno.Command(python, {
    args: [join(root, "tools", "run_notebooks.py"), ...runnerArgs],
    env,
  }).spawn().status;
  if (!html) return run.code;

  const executed: string[] = [];
  for await (const entry of Deno.readDir(join(root, "notebooks"))) {
    if (entry.isFile && entry.name.endsWith(".out.ipynb")) {
      executed.push(join(root, "notebooks", entry.name));
    }
  }
  const convert = await new Deno.Command(python, {
    args: ["-m", "nbconvert", "--to", "html", "--template", "memgrpo", ...executed.sort()],
    env,
  }).spawn().status;
  if (!convert.success) {
    console.error("notebooks: nbconvert failed (is jupyter-nbconvert installed?)");
    return 1;
  }
  return run.code;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
