/**
 * The seeded random number generator every stochastic step uses (splits, sampling, bootstrap,
 * the embedded policy), so that a seed reproduces a run; its state can be saved and restored.
 *
 * @module
 */

export { createRng, rngFromState, type RngState, type SeededRng } from "./seeded_rng.ts";
