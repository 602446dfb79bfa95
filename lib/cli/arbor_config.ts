/**
 * `deno task arbor:config`: write `arbor.yaml` (the GPU layout of
 * `python -m arbor.cli serve --arbor-config arbor.yaml`).
 *
 * @module
 */

import { parseArgs } from "node:util";
import { arborYamlConfig, formatArborYaml, writeArborYaml } from "../arbor/arbor_yaml.ts";
import { runCli, UsageError } from "./run_cli.ts";

const HELP = `deno task arbor:config [options]

Writes arbor.yaml for \`python -m arbor.cli serve --arbor-config arbor.yaml\` (Arbor 0.2.x;
Arbor 0.2.16 detects GPUs itself and ignores the file). Inference and training need separate GPUs.
  --inference-gpus IDS   GPU ids for vLLM inference, comma-separated (default "0")
  --training-gpus IDS    GPU ids for the trainer, comma-separated (default "1,2")
  --output PATH          file to write; an existing file is replaced (default arbor.yaml)
  -h, --help             show this help`;

/** Runs the command; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      "inference-gpus": { type: "string", default: "0" },
      "training-gpus": { type: "string", default: "1,2" },
      output: { type: "string", default: "arbor.yaml" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  let config;
  try {
    config = arborYamlConfig(values["inference-gpus"], values["training-gpus"]);
  } catch (error) {
    throw new UsageError(
      `--inference-gpus ${JSON.stringify(values["inference-gpus"])} / --training-gpus ` +
        `${JSON.stringify(values["training-gpus"])}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  await writeArborYaml(values.output, config);
  console.log(`Wrote ${values.output}:\n${formatArborYaml(config).trimEnd()}`);
  return 0;
}

if (import.meta.main) await runCli(main);
