/**
 * A real-browser test of the notebooks: Debian's Jupyter Notebook on 127.0.0.1 (random token,
 * free port, a fresh Jupyter data/config folder with the project's kernel), headless Chromium
 * driven by puppeteer-core. Opens notebook 01, clicks Cell → Run All, waits for every cell to run
 * and the kernel to go idle, then checks: every code cell has an execution count, no cell has an
 * error output, the SVG charts are in the page. Saves a full-page screenshot in the test's temp
 * folder (kept; its path is printed). Skipped, with a message, when Chromium, Jupyter Notebook
 * or LOCOMO is missing.
 *
 * @module
 */

import assert from "node:assert/strict";
import { delimiter, dirname, join, resolve } from "node:path";
// A test-only package: not in lib/deps.ts (that would ship it with the library), and not by its
// bare name (tests import nothing through the import map).
// deno-lint-ignore no-import-prefix
import puppeteer from "npm:puppeteer-core@25.16.0";
import { installKernel, type JupyterServer, startJupyter } from "../lib/cli/jupyter.ts";

const root = resolve(dirname(new URL(import.meta.url).pathname), "..");
const NOTEBOOK = "01_data_and_split.ipynb";
const CHROMIUM = "/usr/bin/chromium";
const MIN_SVGS = 3;

async function works(cmd: string, args: string[]): Promise<boolean> {
  try {
    const { code } = await new Deno.Command(cmd, { args, stdout: "null", stderr: "null" })
      .output();
    return code === 0;
  } catch {
    return false;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isFile;
  } catch {
    return false;
  }
}

const locomo = Deno.env.get("LOCOMO_PATH") ?? join(root, "data", "locomo10.json");
const missing = [
  ...(await isFile(CHROMIUM) ? [] : [`${CHROMIUM} (apt install chromium)`]),
  ...(await works("jupyter", ["notebook", "--version"])
    ? []
    : ["jupyter notebook (apt install jupyter-notebook)"]),
  ...(await isFile(locomo) ? [] : ["LOCOMO (deno task data, or LOCOMO_PATH)"]),
];
if (missing.length > 0) {
  console.log(`notebooks_browser_test: skipped — missing ${missing.join(", ")}`);
}

/** What the page reports about the notebook (classic Notebook's `Jupyter` object). */
interface PageState {
  codeCells: number;
  counted: number;
  busy: boolean;
  errors: string[];
  svgs: number;
}

Deno.test({
  name: `a real browser runs ${NOTEBOOK} in Jupyter Notebook: every cell, no error, SVG charts`,
  ignore: missing.length > 0,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const started = performance.now();
    const tmp = await Deno.makeTempDir({ prefix: "memgrpo_browser_" });
    const path = join(root, "notebooks", NOTEBOOK);
    const before = await Deno.readFile(path);
    const checkpoints = join(root, "notebooks", ".ipynb_checkpoints");
    const hadCheckpoints = await Deno.stat(checkpoints).then(() => true, () => false);
    const jupyterDirs = {
      JUPYTER_DATA_DIR: join(tmp, "data"),
      JUPYTER_CONFIG_DIR: join(tmp, "config"),
      JUPYTER_RUNTIME_DIR: join(tmp, "runtime"),
    };
    await installKernel(jupyterDirs.JUPYTER_DATA_DIR);
    let server: JupyterServer | undefined;
    let browser: Awaited<ReturnType<typeof puppeteer.launch>> | undefined;
    try {
      server = await startJupyter("notebook", {
        root: join(root, "notebooks"),
        args: ["--no-browser"],
        stdio: "null",
        env: {
          ...jupyterDirs,
          LOCOMO_PATH: resolve(locomo),
          PATH: [dirname(Deno.execPath()), Deno.env.get("PATH")].filter((p) => p).join(delimiter),
          NO_COLOR: "1",
        },
      });
      browser = await puppeteer.launch({
        executablePath: CHROMIUM,
        headless: true,
        userDataDir: join(tmp, "chromium"),
        args: [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
        ],
      });
      const page = await browser.newPage();
      await page.setViewport({ width: 1280, height: 900 });
      await page.goto(`${server.base}/notebooks/${NOTEBOOK}?token=${server.token}`, {
        waitUntil: "load",
      });
      // The notebook is loaded and its kernel connected; never autosave into the repository.
      await page.waitForFunction(
        () => {
          // deno-lint-ignore no-explicit-any
          const nb = (globalThis as any).Jupyter?.notebook;
          return nb?._fully_loaded && nb.kernel?.is_connected() && nb.kernel_busy === false;
        },
        { timeout: 30_000, polling: 200 },
      );
      await page.evaluate(() => {
        // deno-lint-ignore no-explicit-any
        (globalThis as any).Jupyter.notebook.set_autosave_interval(0);
      });
      // Run All, through the menu as a user would.
      await page.click("#celllink");
      await page.click("#run_all_cells > a");
      const state = (): Promise<PageState> =>
        page.evaluate(() => {
          // deno-lint-ignore no-explicit-any
          const nb = (globalThis as any).Jupyter.notebook;
          // deno-lint-ignore no-explicit-any
          const doc = (globalThis as any).document;
          // deno-lint-ignore no-explicit-any
          const code = nb.get_cells().filter((c: any) => c.cell_type === "code");
          return {
            codeCells: code.length,
            counted: code.filter((c: { input_prompt_number: unknown }) =>
              typeof c.input_prompt_number === "number"
            ).length,
            busy: nb.kernel_busy === true ||
              doc.querySelector("#kernel_indicator_icon.kernel_busy_icon") !== null,
            // deno-lint-ignore no-explicit-any
            errors: code.flatMap((c: any, i: number) =>
              c.output_area.outputs
                .filter((o: { output_type: string }) =>
                  o.output_type === "error"
                )
                .map((o: { ename: string; evalue: string }) =>
                  `cell ${i + 1}: ${o.ename} ${o.evalue}`
                )
            ),
            // Charts nest the plot's SVG in a titled one: count the outermost.
            svgs: [...doc.querySelectorAll(".output_svg svg")].filter((
              svg: { parentElement: { closest(s: string): unknown } },
            ) => svg.parentElement.closest("svg") === null).length,
          };
        });
      let last: PageState = await state();
      const deadline = Date.now() + 90_000;
      while (Date.now() < deadline) {
        last = await state();
        if (last.errors.length > 0) break;
        if (!last.busy && last.counted === last.codeCells && last.svgs >= MIN_SVGS) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      // The Deno kernel may publish a display just after going idle.
      await new Promise((r) => setTimeout(r, 500));
      last = await state();
      // The notebook scrolls inside #site: grow the window to the notebook's height first.
      const height = await page.evaluate(() =>
        // deno-lint-ignore no-explicit-any
        (globalThis as any).document.querySelector("#notebook").scrollHeight as number
      );
      await page.setViewport({ width: 1280, height: Math.min(height + 160, 16_000) });
      await new Promise((r) => setTimeout(r, 300));
      const screenshot = join(tmp, "notebook01.png");
      await page.screenshot({ path: screenshot, fullPage: true });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(
        `notebooks_browser_test: ${last.counted}/${last.codeCells} cells ran, ${last.svgs} SVG ` +
          `charts, ${seconds} s; screenshot ${screenshot}`,
      );
      assert.deepEqual(last.errors, [], "no cell has an error output");
      assert.equal(last.busy, false, "the kernel went idle");
      assert.equal(last.counted, last.codeCells, "every code cell has an execution count");
      assert.ok(last.svgs >= MIN_SVGS, `at least ${MIN_SVGS} SVG charts, got ${last.svgs}`);
    } finally {
      await browser?.close();
      if (server !== undefined) {
        server.process.kill("SIGTERM");
        await server.process.status;
      }
      for (const dir of [...Object.values(jupyterDirs), join(tmp, "chromium")]) {
        await Deno.remove(dir, { recursive: true }).catch(() => {});
      }
      // Opening a notebook makes an (empty) checkpoint folder beside it.
      if (!hadCheckpoints) await Deno.remove(checkpoints).catch(() => {});
    }
    const after = await Deno.readFile(path);
    assert.deepEqual(after, before, `${NOTEBOOK} must not be saved by the test`);
  },
});
