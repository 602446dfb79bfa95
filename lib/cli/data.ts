/**
 * `deno task data`: download `locomo10.json` into `data/` once (sha256-checked, atomic).
 *
 * @module
 */

import { parseArgs } from "node:util";
import { DEFAULT_LOCOMO_PATH } from "../data/locate_locomo.ts";
import { downloadLocomo, LOCOMO_SHA256, LOCOMO_URL } from "../data/download_locomo.ts";
import { createProgressBar } from "./progress_bar.ts";
import { runCli } from "./run_cli.ts";

const HELP = `deno task data [--output PATH] [--url URL]

Downloads the LOCOMO benchmark (CC BY-NC 4.0) once and checks its sha256.
  --output PATH   where to write it (default ${DEFAULT_LOCOMO_PATH})
  --url URL       where to fetch it (default ${LOCOMO_URL})
If LOCOMO_PATH is set, nothing is downloaded: commands read that file instead.`;

/** Runs the command; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      output: { type: "string", default: DEFAULT_LOCOMO_PATH },
      url: { type: "string", default: LOCOMO_URL },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const envPath = Deno.env.get("LOCOMO_PATH");
  if (envPath) {
    console.log(
      `LOCOMO_PATH is set (${envPath}): commands read that file, so nothing was downloaded. ` +
        "To download a fresh copy to data/locomo10.json, run `env -u LOCOMO_PATH deno task data`.",
    );
    return 0;
  }
  let bar: ReturnType<typeof createProgressBar> | undefined;
  const result = await downloadLocomo(values.output, {
    url: values.url,
    sha256: LOCOMO_SHA256,
    onProgress(received, total) {
      bar ??= createProgressBar(total || 2_805_274, { label: "locomo10.json" });
      bar.update(received);
    },
  });
  bar?.stop();
  console.log(
    result.downloaded
      ? `Downloaded ${result.bytes} bytes to ${result.path} (sha256 verified).`
      : `${result.path} is already there (sha256 verified); nothing downloaded.`,
  );
  return 0;
}

if (import.meta.main) await runCli(main);
