/**
 * The npm packages memgrpo uses, each with its version, in one place. Every file imports them
 * from here, so a script or notebook anywhere can import this package's `mod.ts` by path or URL
 * with no import map of its own (`deno run --no-config`). Bump a version here and in
 * `deno.json`'s `imports` (kept for tools such as `deno outdated`); `tests/architecture_test.ts`
 * checks that the two agree and that no file imports a bare package name.
 *
 * @module
 */

export { z } from "npm:zod@^4.6.7";
export { parse as parseYaml, stringify as stringifyYaml } from "npm:yaml@^2.8.0";
export { default as OpenAI } from "npm:openai@^7.57.0";
export { get_encoding, type Tiktoken } from "npm:tiktoken@^1.0.22";
export { default as pLimit } from "npm:p-limit@^7.3.3";
// @ts-types="npm:@types/cli-progress@^3.11.6"
export { default as cliProgress } from "npm:cli-progress@^3.12.0";
export { uniformFloat64 } from "npm:pure-rand@^8.4.2/distribution/uniformFloat64";
export { uniformInt } from "npm:pure-rand@^8.4.2/distribution/uniformInt";
export {
  xoroshiro128plus,
  xoroshiro128plusFromState,
} from "npm:pure-rand@^8.4.2/generator/xoroshiro128plus";
export * as Plot from "npm:@observablehq/plot@^0.6.17";
export { parseHTML } from "npm:linkedom@^0.18.12";
