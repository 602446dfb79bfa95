/**
 * Crash-safe file writes: a file (or a set of files) is written to a temporary name and renamed
 * into place, so a reader never sees half a file.
 *
 * @module
 */

export { type FileToWrite, writeFileAtomic, writeFilesAtomic } from "./atomic_write.ts";
