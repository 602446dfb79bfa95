/**
 * A terminal progress bar (npm:cli-progress) that stays silent when stdout is not a terminal.
 *
 * @module
 */

// @ts-types="@types/cli-progress"
import cliProgress from "cli-progress";

/** A progress bar handle. */
export interface ProgressBar {
  /** Sets the current value and optional extra fields shown in the format. */
  update(value: number, fields?: Record<string, string | number>): void;
  /** Changes the total. */
  setTotal(total: number): void;
  /** Stops and leaves the final line on screen. */
  stop(): void;
}

/** Options of {@link createProgressBar}. */
export interface ProgressBarOptions {
  /** The cli-progress format string. Default: `"{label} [{bar}] {value}/{total} | ETA {eta_formatted}"`. */
  format?: string;
  /** Shown in `{label}`. Default: `""`. */
  label?: string;
  /** Whether to draw at all. Default: whether stdout is a terminal. */
  enabled?: boolean;
}

/** Creates and starts a progress bar with a total. */
export function createProgressBar(total: number, options: ProgressBarOptions = {}): ProgressBar {
  const enabled = options.enabled ?? Deno.stdout.isTerminal();
  if (!enabled) return { update() {}, setTotal() {}, stop() {} };
  const bar = new cliProgress.SingleBar({
    format: options.format ?? "{label} [{bar}] {value}/{total} | ETA {eta_formatted}",
    hideCursor: true,
    clearOnComplete: false,
  }, cliProgress.Presets.shades_classic);
  bar.start(total, 0, { label: options.label ?? "" });
  return {
    update: (value, fields) => bar.update(value, fields),
    setTotal: (t) => bar.setTotal(t),
    stop: () => bar.stop(),
  };
}
