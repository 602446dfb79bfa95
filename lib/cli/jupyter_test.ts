import assert from "node:assert/strict";
import { join } from "node:path";
import { freePort, installKernel, jupyterDataDir, KERNEL_NAME } from "./jupyter.ts";

const cli = new URL("./jupyter.ts", import.meta.url).pathname;

async function hasJupyter(): Promise<boolean> {
  try {
    const { code } = await new Deno.Command("jupyter", {
      args: ["kernelspec", "--version"],
      stdout: "null",
      stderr: "null",
    }).output();
    return code === 0;
  } catch {
    return false;
  }
}

const jupyter = await hasJupyter();
if (!jupyter) {
  console.log(
    "jupyter_test: `jupyter` not found — skipping the `jupyter kernelspec list` check " +
      "(install with `apt install jupyter-notebook` or `pip install jupyterlab`)",
  );
}

async function run(cmd: string, args: string[], env: Record<string, string>) {
  const { code, stdout, stderr } = await new Deno.Command(cmd, { args, env }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code, out: decode(stdout), err: decode(stderr) };
}

Deno.test("jupyterDataDir() honours JUPYTER_DATA_DIR first", async () => {
  assert.equal(await jupyterDataDir({ JUPYTER_DATA_DIR: "/x/jupyter" }), "/x/jupyter");
});

Deno.test("installKernel() writes the kernelspec that runs this Deno by absolute path", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const kernelDir = await installKernel(dir, { deno: "/opt/deno" });
    assert.equal(kernelDir, join(dir, "kernels", KERNEL_NAME));
    const spec = JSON.parse(await Deno.readTextFile(join(kernelDir, "kernel.json")));
    assert.deepEqual(spec.argv, [
      "/opt/deno",
      "jupyter",
      "--kernel",
      "--conn",
      "{connection_file}",
    ]);
    assert.equal(spec.display_name, "memgrpo (Deno)");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("freePort() gives a port that can be bound", () => {
  const port = freePort();
  const listener = Deno.listen({ hostname: "127.0.0.1", port });
  listener.close();
});

Deno.test({
  name: "deno task jupyter --install-only registers the Deno kernel in a fresh JUPYTER_DATA_DIR",
  ignore: !jupyter,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const env = { JUPYTER_DATA_DIR: dir, NO_COLOR: "1" };
      const install = await run(Deno.execPath(), ["run", "-A", cli, "--install-only"], env);
      assert.equal(install.code, 0, install.out + install.err);
      assert.match(install.out, /registered the Deno kernel "memgrpo-deno"/);
      const list = await run("jupyter", ["kernelspec", "list", "--json"], env);
      assert.equal(list.code, 0, list.err);
      const specs = JSON.parse(list.out).kernelspecs as Record<string, { resource_dir: string }>;
      assert.equal(specs[KERNEL_NAME]?.resource_dir, join(dir, "kernels", KERNEL_NAME), list.out);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
