/**
 * Atomic file writes (temp file + rename).
 *
 * @module
 */

/**
 * Writes `text` to `path` atomically: into a temporary file beside it, then renamed over it, so a
 * reader never sees half a file. The folder must exist.
 */
export async function writeTextFileAtomic(path: string, text: string): Promise<void> {
  const temp = `${path}.tmp-${crypto.randomUUID()}`;
  try {
    await Deno.writeTextFile(temp, text);
    await Deno.rename(temp, path);
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
}
