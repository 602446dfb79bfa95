/**
 * Crash-safe file writes: a file (or a set of files) is written to a temporary name and renamed
 * into place, so a reader never sees half a file; and JSON objects read back with an error that
 * names the file and what is wrong with it.
 *
 * @module
 */

export { type FileToWrite, writeFileAtomic, writeFilesAtomic } from "./atomic_write.ts";
export { JsonFileError, type JsonFileProblem, readJsonObject } from "./json_file.ts";
