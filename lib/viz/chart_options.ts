/**
 * Options shared by the chart helpers, and their defaults.
 *
 * @module
 */

/** Options every chart accepts. */
export interface ChartOptions {
  /** Title drawn at the top. Default: none. */
  title?: string;
  /** Label of the x axis. Default: the x field's name. */
  xLabel?: string;
  /** Label of the y axis. Default: the y field's name. */
  yLabel?: string;
  /** The y range shown, e.g. `[0, 1]` for recall. Default: from the data (bars start at 0). */
  yDomain?: readonly [number, number];
  /** Width in pixels (integer ≥ 100). Default: 640. */
  width?: number;
  /** Height in pixels (integer ≥ 100). Default: 320. */
  height?: number;
}

/** {@link ChartOptions} with every default filled in. */
export interface ChartConfig {
  /** Title, or `undefined` for none. */
  title: string | undefined;
  /** Label of the x axis. */
  xLabel: string;
  /** Label of the y axis. */
  yLabel: string;
  /** The y range, or `undefined` to take it from the data. */
  yDomain: readonly [number, number] | undefined;
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
}

function checkSize(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 100) {
    throw new RangeError(`${name} must be an integer ≥ 100 (pixels), got ${value}`);
  }
  return value;
}

/**
 * Fills in the defaults of {@link ChartOptions}; `x` and `y` name the plotted fields.
 *
 * @throws {RangeError} when `width` or `height` is not an integer ≥ 100, or `yDomain` is not two
 *   finite numbers in increasing order.
 */
export function resolveChartOptions(x: string, y: string, options: ChartOptions): ChartConfig {
  const domain = options.yDomain;
  if (
    domain !== undefined &&
    (!Number.isFinite(domain[0]) || !Number.isFinite(domain[1]) || domain[0] >= domain[1])
  ) {
    throw new RangeError(`yDomain must be [low, high] with low < high, got [${domain.join(", ")}]`);
  }
  return {
    title: options.title,
    xLabel: options.xLabel ?? x,
    yLabel: options.yLabel ?? y,
    yDomain: domain,
    width: checkSize("width", options.width ?? 640),
    height: checkSize("height", options.height ?? 320),
  };
}
