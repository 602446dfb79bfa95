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
  ["grpo", "eval", "optimize"],
  ["cli"],
];

function floorOf(folder: string): number {
  if (folder === "deps.ts") return -1; // the npm packages, below every floor
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

Deno.test("every lib/ folder but cli/ has a mod.ts", async () => {
  const missing: string[] = [];
  for (const folder of FLOORS.flat().filter((f) => f !== "cli")) {
    try {
      await Deno.stat(join(root, "lib", folder, "mod.ts"));
    } catch {
      missing.push(`lib/${folder}/mod.ts`);
    }
  }
  assert.deepEqual(missing, []);
});

Deno.test("no notebook cell imports a path under lib/", async () => {
  const wrong: string[] = [];
  for await (const entry of Deno.readDir(join(root, "notebooks"))) {
    if (!entry.name.endsWith(".ipynb")) continue;
    const notebook = JSON.parse(await Deno.readTextFile(join(root, "notebooks", entry.name)));
    for (
      const [index, cell] of (notebook.cells as { cell_type: string; source: string[] }[])
        .entries()
    ) {
      const source = [cell.source].flat().join("");
      if (cell.cell_type === "code" && /from\s+["'][^"']*lib\//.test(source)) {
        wrong.push(`${entry.name} cell ${index}`);
      }
    }
  }
  assert.deepEqual(wrong, []);
});

Deno.test("the root mod.ts exports at most 150 names, each documented", async () => {
  const { stdout, code } = await new Deno.Command(Deno.execPath(), {
    args: ["doc", "--json", "mod.ts"],
    cwd: root,
    stdout: "piped",
    stderr: "null",
  }).output();
  assert.equal(code, 0);
  const doc = JSON.parse(new TextDecoder().decode(stdout));
  const entry = Object.entries(doc.nodes as Record<string, { symbols: unknown[] }>)
    .find(([url]) => url.endsWith("/mod.ts"));
  const symbols = (entry?.[1].symbols ?? []) as { name: string; declarations: unknown[] }[];
  const names = new Set(symbols.map((s) => s.name));
  assert.ok(names.size >= 40, `mod.ts exports only ${names.size} names`);
  assert.ok(names.size <= 150, `mod.ts exports ${names.size} names (at most 150)`);
});

/** Every `npm:` package name and version range that lib/deps.ts imports. */
async function depsVersions(): Promise<Map<string, string>> {
  const text = await Deno.readTextFile(join(root, "lib", "deps.ts"));
  const versions = new Map<string, string>();
  for (const m of text.matchAll(/"npm:((?:@[^/@"]+\/)?[^/@"]+)@([^/"]+)[^"]*"/g)) {
    versions.set(m[1]!, m[2]!);
  }
  return versions;
}

Deno.test("lib/deps.ts pins the same npm versions as deno.json", async () => {
  const config = JSON.parse(await Deno.readTextFile(join(root, "deno.json")));
  const deps = await depsVersions();
  assert.ok(deps.size >= 8, `lib/deps.ts names only ${deps.size} packages`);
  for (const [name, version] of deps) {
    assert.equal(config.imports[name], `npm:${name}@${version}`, `deno.json imports.${name}`);
  }
});

Deno.test("no file imports an npm package by a bare name (it would need this repo's import map)", async () => {
  const config = JSON.parse(await Deno.readTextFile(join(root, "deno.json")));
  const bare = Object.keys(config.imports as Record<string, string>);
  const wrong: string[] = [];
  for (const folder of ["lib", "tests", "bench", "tools"]) {
    for await (const path of tsFiles(join(root, folder))) {
      const text = await Deno.readTextFile(path);
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*["']([^"'.][^"']*)["']/g)) {
        const name = m[1]!;
        if (bare.some((b) => name === b || name.startsWith(`${b}/`))) {
          wrong.push(`${relative(root, path)}: "${name}"`);
        }
      }
    }
  }
  assert.deepEqual(wrong, []);
});

Deno.test("a script outside the repo imports mod.ts with no config of its own", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const script = join(dir, "script.ts");
    const mod = join(root, "mod.ts");
    const sample = join(root, "data", "sample", "mini_locomo.json");
    await Deno.writeTextFile(
      script,
      `import { buildMemory, loadLocomo, locomoF1, retrieve, splitLocomo } from ${
        JSON.stringify(mod)
      };
const dataset = await loadLocomo(${JSON.stringify(sample)});
const splits = splitLocomo(dataset, { trainRatio: 1 / 3, valRatio: 1 / 3, testRatio: 1 / 3 });
using memory = buildMemory(dataset.conversations[0]!);
const trace = retrieve(memory, "Where did Ben go hiking?", { k: 3 });
console.log(JSON.stringify({
  train: splits.train.conversations.length,
  top: trace.diaIds[0],
  f1: locomoF1("Lake Tahoe", "lake tahoe", 4),
}));
`,
    );
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--no-config", "--no-lock", script],
      cwd: dir,
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(code, 0, new TextDecoder().decode(stderr));
    const out = JSON.parse(new TextDecoder().decode(stdout).trim().split("\n").at(-1)!);
    assert.deepEqual(out, { train: 1, top: "D1:2", f1: 1 });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
