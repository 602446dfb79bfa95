/**
 * `deno run -A tools/check_notebooks.ts [notebooks/…ipynb]`: static checks of the committed
 * notebooks, run by `deno task test`.
 *
 * 1. A committed notebook has no outputs and no execution counts, names the project's kernel,
 *    and declares the outputs the runner must find (`metadata.memgrpo.expect`).
 * 2. Its code cells type-check: they are concatenated in order into a `.ts` file beside the
 *    notebook (so relative imports resolve as in the kernel), `deno check`ed, and deleted.
 *    Errors are reported as `notebook.ipynb cell N line L`.
 *
 * Cells are numbered from 1 in notebook order, markdown cells included.
 *
 * @module
 */

import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The kernelspec name every notebook must use (notebooks/jupyter/kernels/memgrpo-deno). */
export const KERNEL_NAME = "memgrpo-deno";

/** The parts of a notebook file the checks read. */
export interface NotebookFile {
  /** The cells. */
  cells: {
    cell_type: string;
    source: string | string[];
    outputs?: unknown[];
    execution_count?: number | null;
  }[];
  /** Notebook metadata. */
  metadata?: {
    kernelspec?: { name?: string };
    memgrpo?: { expect?: Record<string, number> };
  };
}

/** Code extracted from a notebook, with where each cell starts. */
export interface ExtractedCode {
  /** The code cells in order, each after a `// cell N` comment line. */
  code: string;
  /** For each code cell: its number (1-based, notebook order) and its first line in `code`. */
  cells: { cell: number; line: number }[];
}

/** The source of a cell as one string. */
export function cellSource(source: string | string[]): string {
  return Array.isArray(source) ? source.join("") : source;
}

/** Problems that make a notebook unfit to commit; empty when it is fine. */
export function notebookProblems(nb: NotebookFile): string[] {
  const problems: string[] = [];
  nb.cells.forEach((cell, i) => {
    if (cell.cell_type !== "code") return;
    if ((cell.outputs ?? []).length > 0) {
      problems.push(
        `cell ${i + 1} has ${cell.outputs!.length} output(s): clear outputs before commit`,
      );
    }
    if (cell.execution_count !== null && cell.execution_count !== undefined) {
      problems.push(`cell ${i + 1} has execution count ${cell.execution_count}: clear it`);
    }
  });
  const kernel = nb.metadata?.kernelspec?.name;
  if (kernel !== KERNEL_NAME) {
    problems.push(`kernelspec name is ${JSON.stringify(kernel)}, expected "${KERNEL_NAME}"`);
  }
  const expect = nb.metadata?.memgrpo?.expect;
  if (typeof expect !== "object" || expect === null || Object.keys(expect).length === 0) {
    problems.push('metadata.memgrpo.expect is missing (e.g. {"image/svg+xml": 1})');
  }
  return problems;
}

/** Concatenates a notebook's code cells, in order, into one TypeScript module. */
export function extractCode(nb: NotebookFile): ExtractedCode {
  const lines: string[] = [];
  const cells: { cell: number; line: number }[] = [];
  nb.cells.forEach((cell, i) => {
    if (cell.cell_type !== "code") return;
    lines.push(`// cell ${i + 1}`);
    cells.push({ cell: i + 1, line: lines.length + 1 });
    lines.push(...cellSource(cell.source).split("\n"));
  });
  lines.push("export {};");
  return { code: lines.join("\n") + "\n", cells };
}

/** Maps a line of the extracted code back to its notebook cell (`cell N line L`). */
export function cellOfLine(extracted: ExtractedCode, line: number): string {
  const found = extracted.cells.findLast((c) => c.line <= line);
  return found === undefined ? `line ${line}` : `cell ${found.cell} line ${line - found.line + 1}`;
}

/** The committed notebooks of a folder (executed copies excluded), sorted. */
export async function committedNotebooks(dir: string): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const name = entry.name;
    if (!entry.isFile || !name.endsWith(".ipynb")) continue;
    if (name.endsWith(".out.ipynb") || name.endsWith(".nbconvert.ipynb")) continue;
    found.push(join(dir, name));
  }
  return found.sort();
}

async function main(args: string[]): Promise<number> {
  const root = dirname(dirname(fileURLToPath(import.meta.url)));
  const paths = args.length > 0
    ? args.map((p) => resolve(p))
    : await committedNotebooks(join(root, "notebooks"));
  let failed = 0;
  const checks: { path: string; file: string; extracted: ExtractedCode }[] = [];
  for (const path of paths) {
    const nb = JSON.parse(await Deno.readTextFile(path)) as NotebookFile;
    const problems = notebookProblems(nb);
    for (const p of problems) console.error(`${basename(path)}: ${p}`);
    if (problems.length > 0) failed++;
    const extracted = extractCode(nb);
    const file = join(dirname(path), `.${basename(path, ".ipynb")}.check.ts`);
    await Deno.writeTextFile(file, extracted.code);
    checks.push({ path, file, extracted });
  }
  try {
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["check", "--quiet", ...checks.map((c) => c.file)],
      env: { NO_COLOR: "1" },
    }).output();
    let report = new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr);
    for (const c of checks) {
      const pattern = new RegExp(`file://${RegExp.escape(c.file)}:(\\d+):(\\d+)`, "g");
      report = report.replace(
        pattern,
        (_, line, col) => `${basename(c.path)} ${cellOfLine(c.extracted, Number(line))}:${col}`,
      );
    }
    if (code !== 0) {
      console.error(report.trim());
      failed++;
    }
  } finally {
    for (const c of checks) await Deno.remove(c.file).catch(() => {});
  }
  console.log(
    `check_notebooks: ${paths.length} notebook(s), ${
      failed === 0 ? "outputs cleared and code cells type-check" : "FAILED"
    }`,
  );
  return failed === 0 ? 0 : 1;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
