/**
 * Notebook display helpers: tables, bar and line charts (SVG), a live-updating chart, and a view
 * of a retrieval trace. Each returns a value the Deno Jupyter kernel displays as rich output
 * (and that prints as text elsewhere).
 *
 * @module
 */

// Types of other folders that this folder's signatures use.
export type {
  EvidenceHits,
  MemoryUnit,
  RankedUnit,
  RetrievalTrace,
  ScoringConfig,
  UnitSource,
} from "../memory/mod.ts";

export {
  type CellValue,
  formatTextTable,
  table,
  type TableConfig,
  type TableOptions,
  type TableRow,
  TableView,
} from "./table.ts";
export { barChart, type BarChartOptions } from "./bar_chart.ts";
export { lineChart, type LineChartOptions } from "./line_chart.ts";
export { type ChartDatum, ChartView } from "./chart_view.ts";
export type { ChartOptions } from "./chart_options.ts";
export {
  type RetrievalRow,
  RetrievalView,
  retrievalView,
  type RetrievalViewConfig,
  type RetrievalViewOptions,
} from "./retrieval_view.ts";
export {
  type DisplayFunction,
  type LiveChart,
  liveChart,
  type LiveChartOptions,
  type LiveTrainingChart,
  liveTrainingChart,
} from "./live_chart.ts";
export {
  type Displayable,
  type DisplayBundle,
  displayBundle,
  escapeHtml,
  JUPYTER_DISPLAY,
  type View,
} from "./display_bundle.ts";
export { leakageView, recallView, splitView } from "./data_views.ts";
