/**
 * The layout holds: folders import only folders on lower floors (README "Architecture"), the
 * two wings meet only at `lib/protocol/`, and only `lib/backend/` and `lib/cli/` start the
 * embedded server.
 */

import assert from "node:assert/strict";
import { dirname, join, normalize, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The floors of the README's picture, bottom first. */
const FLOORS: readonly (readonly string[])[] = [
  ["protocol", "text", "io", "random"],
  ["data", "lm"],
  ["memory"],
  ["arbor", "embedded", "program", "metrics"],
  ["backend", "viz"],
  ["grpo", "eval"],
  ["cli"],
];

function floorOf(folder: string): number {
  const floor = FLOORS.findIndex((names) => names.includes(folder));
  assert.notEqual(floor, -1, `lib/${folder}/ is on no floor of the README's picture`);
  return floor;
}

interface Import {
  file: string;
  from: string;
  to: string;
}

async function* tsFiles(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) yield* tsFiles(path);
    else if (entry.name.endsWith(".ts")) yield path;
  }
}

/** Every relative import between two folders of lib/ (static, re-export and dynamic). */
async function crossFolderImports(): Promise<Import[]> {
  const found: Import[] = [];
  const pattern = /(?:from|import)\s*\(?\s*["'](\.[^"']+)["']/g;
  for await (const path of tsFiles(join(root, "lib"))) {
    const file = relative(root, path);
    const from = file.split("/")[1]!;
    for (const match of (await Deno.readTextFile(path)).matchAll(pattern)) {
      const target = normalize(join(dirname(file), match[1]!));
      const [top, to] = target.split("/");
      if (top === "lib" && to && to !== from) found.push({ file, from, to });
    }
  }
  return found;
}

const imports = await crossFolderImports();
const isTest = (file: string) => /_test(_utils)?\.ts$|test_utils\.ts$/.test(file);

Deno.test("lib/ folders import only folders on lower floors", () => {
  const upward = imports
    .filter((i) => !isTest(i.file) && floorOf(i.to) >= floorOf(i.from))
    .map((i) => `${i.file} imports lib/${i.to}/`);
  assert.deepEqual(upward, []);
});

Deno.test("no file of the client side imports lib/embedded/ or lib/cli/", () => {
  const client = ["grpo", "eval", "arbor", "program", "memory", "metrics"];
  const wrong = imports
    .filter((i) => client.includes(i.from) && (i.to === "embedded" || i.to === "cli"))
    .map((i) => `${i.file} imports lib/${i.to}/`);
  assert.deepEqual(wrong, []);
});

Deno.test("lib/embedded/ imports nothing of the client side", () => {
  const wrong = imports
    .filter((i) => i.from === "embedded" && ["arbor", "grpo", "eval", "cli"].includes(i.to))
    .map((i) => `${i.file} imports lib/${i.to}/`);
  assert.deepEqual(wrong, []);
});

Deno.test("only lib/backend/ and lib/cli/ import lib/embedded/", () => {
  const wrong = imports
    .filter((i) => !isTest(i.file) && i.to === "embedded")
    .filter((i) => i.from !== "backend" && i.from !== "cli")
    .map((i) => `${i.file} imports lib/embedded/`);
  assert.deepEqual(wrong, []);
});
