import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { downloadLocomo, LocomoDownloadError } from "../lib/data/mod.ts";
import { fileSha256 } from "../lib/data/download_locomo.ts";

const CONTENT = new TextEncoder().encode('[{"sample_id": "fake"}]\n'.repeat(200));
const SHA = createHash("sha256").update(CONTENT).digest("hex");

interface FakeServer {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

/** A local server: `/locomo10.json` serves CONTENT, anything else is a 404. */
function startServer(): FakeServer {
  const requests: string[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    const path = new URL(req.url).pathname;
    requests.push(path);
    if (path !== "/locomo10.json") return new Response("not here", { status: 404 });
    return new Response(CONTENT, { headers: { "content-length": String(CONTENT.length) } });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    requests,
    close: () => server.shutdown(),
  };
}

async function withServerAndDir(run: (server: FakeServer, dir: string) => Promise<void>) {
  const server = startServer();
  const dir = await Deno.makeTempDir({ prefix: "memgrpo_download_" });
  try {
    await run(server, dir);
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
}

const names = async (dir: string) => (await Array.fromAsync(Deno.readDir(dir))).map((e) => e.name);

Deno.test("downloadLocomo() writes a verified file and reports progress", async () => {
  await withServerAndDir(async (server, dir) => {
    const dest = join(dir, "data", "locomo10.json");
    const progress: [number, number][] = [];
    const result = await downloadLocomo(dest, {
      url: `${server.url}/locomo10.json`,
      sha256: SHA,
      onProgress: (received, total) => progress.push([received, total]),
    });
    assert.deepEqual(result, { path: dest, downloaded: true, bytes: CONTENT.length });
    assert.deepEqual(await Deno.readFile(dest), CONTENT);
    assert.equal(await fileSha256(dest), SHA);
    assert.deepEqual(progress.at(-1), [CONTENT.length, CONTENT.length]);
    assert.deepEqual(await names(join(dir, "data")), ["locomo10.json"], "no temporary file left");
  });
});

Deno.test("downloadLocomo() rejects a wrong checksum and writes nothing", async () => {
  await withServerAndDir(async (server, dir) => {
    const dest = join(dir, "locomo10.json");
    await assert.rejects(
      () => downloadLocomo(dest, { url: `${server.url}/locomo10.json`, sha256: "0".repeat(64) }),
      (e: unknown) =>
        e instanceof LocomoDownloadError && e.message.includes(SHA) &&
        e.message.includes("0".repeat(64)) && /nothing was written/.test(e.message),
    );
    assert.deepEqual(await names(dir), []);
  });
});

Deno.test("downloadLocomo() turns a 404 into LocomoDownloadError with the status", async () => {
  await withServerAndDir(async (server, dir) => {
    const url = `${server.url}/missing.json`;
    await assert.rejects(
      () => downloadLocomo(join(dir, "locomo10.json"), { url, sha256: SHA }),
      (e: unknown) =>
        e instanceof LocomoDownloadError && e.status === 404 && e.url === url &&
        /HTTP 404/.test(e.message),
    );
    assert.deepEqual(await names(dir), []);
  });
});

Deno.test("downloadLocomo() turns a broken-off body into LocomoDownloadError, writing nothing", async () => {
  // A raw TCP server that promises 5,000 bytes, sends 1,000 and hangs up.
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const served = (async () => {
    const conn = await listener.accept();
    await conn.read(new Uint8Array(4096));
    const head = "HTTP/1.1 200 OK\r\ncontent-length: 5000\r\nconnection: close\r\n\r\n";
    await conn.write(new TextEncoder().encode(head));
    await conn.write(CONTENT.slice(0, 1000));
    conn.close();
  })();
  const dir = await Deno.makeTempDir({ prefix: "memgrpo_download_" });
  try {
    const url = `http://127.0.0.1:${listener.addr.port}/locomo10.json`;
    await assert.rejects(
      () => downloadLocomo(join(dir, "locomo10.json"), { url, sha256: SHA }),
      (e: unknown) =>
        e instanceof LocomoDownloadError && e.url === url &&
        /broke off after \d+ bytes/.test(e.message) && /nothing was written/.test(e.message),
    );
    assert.deepEqual(await names(dir), []);
  } finally {
    await served;
    listener.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("downloadLocomo() makes no request when a valid copy is already there", async () => {
  await withServerAndDir(async (server, dir) => {
    const dest = join(dir, "locomo10.json");
    const url = `${server.url}/locomo10.json`;
    await downloadLocomo(dest, { url, sha256: SHA });
    assert.equal(server.requests.length, 1);
    const again = await downloadLocomo(dest, { url, sha256: SHA });
    assert.deepEqual(again, { path: dest, downloaded: false, bytes: CONTENT.length });
    assert.equal(server.requests.length, 1, "no second request");
  });
});

Deno.test("downloadLocomo() replaces a corrupt copy", async () => {
  await withServerAndDir(async (server, dir) => {
    const dest = join(dir, "locomo10.json");
    await Deno.writeTextFile(dest, "[]");
    const result = await downloadLocomo(dest, { url: `${server.url}/locomo10.json`, sha256: SHA });
    assert.equal(result.downloaded, true);
    assert.equal(await fileSha256(dest), SHA);
  });
});

Deno.test("downloadLocomo() explains a network failure and points at LOCOMO_PATH", async () => {
  const dir = await Deno.makeTempDir({ prefix: "memgrpo_download_" });
  try {
    const failing = () => Promise.reject(new TypeError("connection refused"));
    await assert.rejects(
      () => downloadLocomo(join(dir, "locomo10.json"), { fetch: failing, sha256: SHA }),
      (e: unknown) =>
        e instanceof LocomoDownloadError && e.status === undefined &&
        /connection refused/.test(e.message) && /LOCOMO_PATH/.test(e.message) &&
        e.cause instanceof TypeError,
    );
    assert.deepEqual(await names(dir), []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
