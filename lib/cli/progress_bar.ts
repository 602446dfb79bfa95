/**
 * Progress of a long command (train, evaluate, demo): a bar (npm:cli-progress) in a terminal,
 * and plain lines when stdout is not one (nohup, SLURM, CI, `| cat`): one line per update, or at
 * most one every `plainEveryMs`, with the step, the fields, the elapsed time and the ETA.
 *
 * @module
 */

import { cliProgress } from "../deps.ts";

/** A progress handle. */
export interface ProgressBar {
  /** Sets the current value and the fields shown (e.g. `{ reward: "0.412" }`). */
  update(value: number, fields?: Record<string, string | number>): void;
  /** Changes the total. */
  setTotal(total: number): void;
  /** Prints a line without gluing it onto the bar (in a terminal the bar is redrawn below). */
  log(line: string): void;
  /** Stops; in a terminal the final bar stays on screen. */
  stop(): void;
}

/** Options of {@link createProgressBar}. */
export interface ProgressBarOptions {
  /** What is counted, first on each line, e.g. `"train step"`. Default: `""`. */
  label?: string;
  /**
   * The fields and their values before the first update (so the first frame shows values, not
   * `{reward}`); their order is the order on each line. Default: none.
   */
  fields?: Record<string, string | number>;
  /** Terminal bar or plain lines. Default: a bar when stdout is a terminal. */
  mode?: "bar" | "plain" | "off";
  /** Plain mode: least milliseconds between lines (`0`: a line per update). Default: `0`. */
  plainEveryMs?: number;
  /** Plain mode: where lines go. Default: `console.log`. */
  write?: (line: string) => void;
  /** The clock, ms. Default: `performance.now`. */
  now?: () => number;
}

/** `95` → `1m 35s`; `4000` → `1h 06m`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "?";
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

/** One plain progress line, e.g. `train step 3/40 | reward 0.41 | elapsed 12s | ETA 2m 28s`. */
export function progressLine(
  label: string,
  progress: { value: number; total: number; fields: Record<string, string | number> },
  seconds: number,
): string {
  const { value, total, fields } = progress;
  const eta = value > 0 ? formatDuration((seconds / value) * (total - value)) : "?";
  return [
    `${label ? `${label} ` : ""}${value}/${total}`,
    ...Object.entries(fields).map(([k, v]) => `${k} ${v}`),
    `elapsed ${formatDuration(seconds)}`,
    `ETA ${eta}`,
  ].join(" | ");
}

/** Creates and starts progress with a total; the bar itself appears with the first update. */
export function createProgressBar(total: number, options: ProgressBarOptions = {}): ProgressBar {
  const mode = options.mode ?? (Deno.stdout.isTerminal() ? "bar" : "plain");
  const label = options.label ?? "";
  const fields: Record<string, string | number> = { ...options.fields };
  if (mode === "off") return { update() {}, setTotal() {}, log: console.log, stop() {} };
  const now = options.now ?? (() => performance.now());
  const started = now();
  if (mode === "plain") {
    const write = options.write ?? console.log;
    const every = options.plainEveryMs ?? 0;
    let last = -Infinity;
    let lastValue = -1;
    let current = { value: 0, total };
    const emit = () => {
      last = now();
      lastValue = current.value;
      write(progressLine(label, { ...current, fields }, (now() - started) / 1000));
    };
    return {
      update(value, more) {
        Object.assign(fields, more);
        current = { ...current, value };
        if (value >= current.total || now() - last >= every) emit();
      },
      setTotal(t) {
        current = { ...current, total: t };
      },
      log: write,
      stop() {
        if (current.value !== lastValue) emit();
      },
    };
  }
  const keys = Object.keys(fields);
  const format = [
    `${label ? "{label} " : ""}[{bar}] {value}/{total}`,
    ...keys.map((k) => `${k} {${k}}`),
    "ETA {eta_formatted}",
  ].join(" | ");
  const bar = new cliProgress.SingleBar({
    format,
    hideCursor: true,
    clearOnComplete: false,
  }, cliProgress.Presets.shades_classic);
  let running = false;
  const start = () => {
    if (running) return;
    running = true;
    bar.start(total, 0, { label, ...fields });
  };
  return {
    update(value, more) {
      Object.assign(fields, more);
      start();
      bar.update(value, { label, ...fields });
    },
    setTotal: (t) => {
      total = t;
      if (running) bar.setTotal(t);
    },
    log(line) {
      if (!running) return console.log(line);
      Deno.stdout.writeSync(new TextEncoder().encode(`\r\x1b[2K${line}\n`));
      bar.render();
    },
    stop: () => {
      if (running) bar.stop();
      running = false;
    },
  };
}
