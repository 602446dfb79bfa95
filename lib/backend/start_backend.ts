/**
 * Starting the backend the client side talks to: the embedded Arbor-compatible server
 * (in-process, on 127.0.0.1) or a running Arbor server. Either way the caller gets a base URL
 * and speaks the Arbor protocol and the OpenAI-compatible chat API to it; this is the one place
 * outside the CLI that imports `lib/embedded/`.
 *
 * @module
 */

import {
  ArborProtocolError,
  arborYamlConfig,
  detectDialect,
  ensureArborYaml,
  type FetchLike,
  normalizeArborUrl,
} from "../arbor/mod.ts";
import type { ArborDialect } from "../protocol/mod.ts";
import { createDefaultPolicy, type PolicyFactory, startEmbeddedServer } from "../embedded/mod.ts";

/** The model name the untrained embedded policy answers under. */
export const EMBEDDED_MODEL = "memgrpo-embedded";

/** Which backend {@link startBackend} starts (or finds). */
export type BackendKind = Backend["kind"];

/** The backend kinds, for checks and help texts. */
export const BACKEND_KINDS: readonly BackendKind[] = ["embedded", "arbor"];

/** A started (embedded) or found (Arbor) backend. */
export interface Backend extends AsyncDisposable {
  /** What it is: the embedded server, or an Arbor server. */
  readonly kind: "embedded" | "arbor";
  /** The `/v1/` base URL with trailing slash, e.g. `http://127.0.0.1:7453/v1/`. */
  readonly baseUrl: string;
  /** The Arbor wire dialect it speaks. */
  readonly dialect: ArborDialect;
  /**
   * Model names it serves from the start besides the ones jobs create (the embedded server's
   * loaded checkpoint; empty for Arbor and for an embedded server without one).
   */
  readonly modelNames: readonly string[];
  /**
   * The `/v1/` routes its `GET /openapi.json` lists, one per method and path in the document's
   * order: the method (upper case), the path and the route's summary (`""` when none); empty
   * when the server has no `openapi.json` (mid-2025 Arbor).
   *
   * @throws {ArborProtocolError} when `openapi.json` is not an OpenAPI document with `paths`.
   */
  routes(): Promise<{ method: string; path: string; summary: string }[]>;
  /** Stops what was started (the embedded server); a no-op for Arbor. Safe to call twice. */
  close(): Promise<void>;
}

/** The `/v1/` routes the server at `baseUrl` (its `/v1/` URL) lists in its `/openapi.json`. */
async function openApiRoutes(
  baseUrl: string,
  fetchFn: FetchLike,
): Promise<{ method: string; path: string; summary: string }[]> {
  const response = await fetchFn(new URL("/openapi.json", baseUrl).href);
  if (response.status === 404) {
    await response.body?.cancel();
    return [];
  }
  const spec = await response.json().catch(() => null) as { paths?: unknown } | null;
  const paths = spec?.paths;
  if (!response.ok || typeof paths !== "object" || paths === null) {
    throw new ArborProtocolError({
      operation: "GET /openapi.json",
      problem: `HTTP ${response.status}, no \`paths\` object; is this an Arbor server?`,
    });
  }
  return Object.entries(paths as Record<string, Record<string, { summary?: unknown }>>)
    .filter(([path]) => path.startsWith("/v1/"))
    .flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        summary: typeof operation?.summary === "string" ? operation.summary : "",
      }))
    );
}

/** Options of {@link startBackend} for `"embedded"`; every field has a default. */
export interface StartEmbeddedOptions {
  /** The wire dialect the server speaks. Default: `"2025.11"`. */
  dialect?: ArborDialect;
  /** Folder of job folders and checkpoints. Default: `"./grpo_checkpoints"`. */
  outputDir?: string;
  /** Seed of the untrained policy and of unseeded sampling. Default: `0`. */
  seed?: number;
  /**
   * A checkpoint folder (holding `policy.json`) whose policy is served from the start, under the
   * names in {@link Backend.modelNames}. Default: `null` (none).
   */
  policyCheckpoint?: string | null;
  /**
   * Builds the policy (tests inject a small one). Default: the extractive policy. A test hook:
   * the policy contract is `lib/embedded`'s, not part of the public API.
   *
   * @ignore
   */
  createPolicy?: PolicyFactory;
  /** Receives one line saying what was started. Default: none. */
  log?: (line: string) => void;
}

/** Options of {@link startBackend} for `"arbor"`. */
export interface StartArborOptions {
  /** The running Arbor server's `/v1/` base URL (required). */
  baseUrl: string;
  /**
   * Write `arbor.yaml` at `path` when it is missing (before the probe), with the GPU ids for
   * inference (e.g. `"0"`) and training (e.g. `"1,2"`); `null` not to. Default: `null`.
   */
  arborYaml?: { path: string; inferenceGpus: string; trainingGpus: string } | null;
  /** Timeout of the reachability probe, ms. Default: `10_000`. */
  probeTimeoutMs?: number;
  /** Retries of the probe when nothing accepts the connection. Default: `1`. */
  probeRetries?: number;
  /** Cancels the probe. Default: none. */
  signal?: AbortSignal;
  /**
   * The fetch of the probe (tests inject one). Default: global `fetch`.
   *
   * @ignore
   */
  fetch?: FetchLike;
  /** Receives one-line notes (arbor.yaml written or reused, the server found). Default: none. */
  log?: (line: string) => void;
}

/**
 * Starts the embedded Arbor-compatible server on 127.0.0.1 (a free port) with the extractive
 * policy, and returns its base URL; `close` stops it.
 *
 * @example
 * ```ts ignore
 * await using backend = await startBackend("embedded", { seed: 1 });
 * const client = await createArborClient(backend.baseUrl, { dialect: backend.dialect });
 * ```
 *
 * @throws {TypeError|RangeError} for bad options.
 * @throws {CheckpointNotFoundError} when `policyCheckpoint` holds no readable policy.
 */
export function startBackend(kind: "embedded", options?: StartEmbeddedOptions): Promise<Backend>;
/**
 * Finds the running Arbor server at `options.baseUrl`: writes `arbor.yaml` when asked and
 * missing, then probes the server (and its dialect) so that a missing server fails at once.
 * `close` is a no-op (the server is not ours).
 *
 * @example
 * ```ts ignore
 * const backend = await startBackend("arbor", { baseUrl: "http://127.0.0.1:7453/v1/" });
 * ```
 *
 * @throws {ArborUnavailableError} when nothing answers: "No Arbor server found at <url> — …".
 * @throws {ArborProtocolError} when the server is not an Arbor server.
 * @throws {TypeError} when `baseUrl` is missing.
 */
export function startBackend(kind: "arbor", options: StartArborOptions): Promise<Backend>;
/** Starts (embedded) or finds (Arbor) a backend; see the two overloads. */
export function startBackend(
  kind: BackendKind,
  options?: StartEmbeddedOptions | StartArborOptions,
): Promise<Backend> {
  if (kind === "embedded") return startEmbedded((options ?? {}) as StartEmbeddedOptions);
  if (kind === "arbor") {
    if (typeof (options as StartArborOptions | undefined)?.baseUrl !== "string") {
      return Promise.reject(new TypeError('startBackend("arbor") needs options.baseUrl'));
    }
    return findArbor(options as StartArborOptions);
  }
  return Promise.reject(
    new TypeError(
      `backend must be one of ${BACKEND_KINDS.join(", ")}; got ${JSON.stringify(kind)}`,
    ),
  );
}

async function startEmbedded(options: StartEmbeddedOptions): Promise<Backend> {
  const server = await startEmbeddedServer({
    createPolicy: options.createPolicy ?? createDefaultPolicy,
    hostname: "127.0.0.1",
    port: 0,
    seed: options.seed ?? 0,
    loadCheckpoint: options.policyCheckpoint ?? null,
    ...(options.dialect ? { dialect: options.dialect } : {}),
    ...(options.outputDir ? { outputDir: options.outputDir } : {}),
  });
  options.log?.(`Embedded Arbor-compatible server (${server.dialect}) at ${server.url}`);
  const close = () => server.close();
  return {
    kind: "embedded",
    baseUrl: server.url,
    dialect: server.dialect,
    modelNames: [...server.loadedModelNames],
    routes: () => openApiRoutes(server.url, (input, init) => fetch(input, init)),
    close,
    [Symbol.asyncDispose]: close,
  };
}

async function findArbor(options: StartArborOptions): Promise<Backend> {
  const log = options.log ?? (() => {});
  const { baseUrl } = normalizeArborUrl(options.baseUrl); // a bad URL fails before any write
  if (options.arborYaml) {
    const { path, inferenceGpus, trainingGpus } = options.arborYaml;
    const yaml = await ensureArborYaml(path, arborYamlConfig(inferenceGpus, trainingGpus));
    log(yaml.written ? `Wrote ${yaml.path}.` : `Using the existing ${yaml.path}.`);
  }
  const timeoutMs = options.probeTimeoutMs ?? 10_000;
  const dialect = await detectDialect(baseUrl, {
    statusTimeoutMs: timeoutMs,
    maxRetries: options.probeRetries ?? 1,
    initialRetryDelayMs: 200,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  log(`Arbor server (${dialect}) at ${baseUrl}`);
  const close = () => Promise.resolve();
  return {
    kind: "arbor",
    baseUrl,
    dialect,
    modelNames: [],
    routes: () => openApiRoutes(baseUrl, options.fetch ?? ((input, init) => fetch(input, init))),
    close,
    [Symbol.asyncDispose]: close,
  };
}
