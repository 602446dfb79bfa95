/**
 * Published LOCOMO figures quoted in reports, each with its source. They are context for a
 * reader, never mixed into this project's numbers.
 *
 * @module
 */

/** One published figure. */
export interface ReferenceFigure {
  /** The system, e.g. `"full context"` or `"Mem0"`. */
  system: string;
  /** What was measured, e.g. `"J, categories 1–4"`. */
  metric: string;
  /** The value as published (percent). */
  value: number;
  /** Extra facts the source gives (context size, answering model…), or `""`. */
  note: string;
  /** Where the figure comes from. */
  source: string;
}

const MEM0 = "mem0 paper (Chhikara et al., 2025), gpt-4o-mini answering, LLM judge J";
const LOCOMO = "LOCOMO paper (Maharana et al., ACL 2024)";

/** The reference figures of docs/locomo.md, in the order given there. */
export const REFERENCE_FIGURES: readonly ReferenceFigure[] = [
  { system: "full context", metric: "J, categories 1–4", value: 72.9, note: "", source: MEM0 },
  {
    system: "Mem0",
    metric: "J, categories 1–4",
    value: 66.88,
    note: "1,764 context tokens",
    source: MEM0,
  },
  {
    system: "best RAG",
    metric: "J, categories 1–4",
    value: 60.97,
    note: "k = 2 × 256-token chunks",
    source: MEM0,
  },
  {
    system: "Zep",
    metric: "J, categories 1–4",
    value: 65.99,
    note: "75.14 in Zep's own run",
    source: MEM0,
  },
  { system: "LangMem", metric: "J, categories 1–4", value: 58.1, note: "", source: MEM0 },
  { system: "OpenAI memory", metric: "J, categories 1–4", value: 52.9, note: "", source: MEM0 },
  { system: "A-Mem", metric: "J, categories 1–4", value: 48.38, note: "", source: MEM0 },
  {
    system: "Letta",
    metric: "J, categories 1–4",
    value: 74.0,
    note: "",
    source: "reported by Letta",
  },
  {
    system: "MemOS 2.0",
    metric: "J, categories 1–4",
    value: 75.8,
    note: "",
    source: "claimed by MemOS",
  },
  {
    system: "full context, gpt-4-turbo",
    metric: "official F1, all categories",
    value: 51.6,
    note: "",
    source: LOCOMO,
  },
  {
    system: "humans",
    metric: "official F1, all categories",
    value: 87.9,
    note: "",
    source: LOCOMO,
  },
  {
    system: "DRAGON retriever",
    metric: "retrieval recall@10 over turns",
    value: 66.2,
    note: "R@5 56.7, R@25 76.7, R@50 82.7",
    source: LOCOMO,
  },
];

/**
 * The "Reference figures" section of a report: a Markdown table of {@link REFERENCE_FIGURES}
 * under a heading that says they are published numbers, not this run's.
 */
export function referenceSection(): string {
  const rows = REFERENCE_FIGURES.map((f) =>
    `| ${f.system} | ${f.metric} | ${f.value.toFixed(2)} | ${f.note} | ${f.source} |`
  );
  return [
    "## Reference figures (published, not measured by this run)",
    "",
    "Quoted from docs/locomo.md for context. Their answering models, prompts and judges differ " +
    "from this run's, so they are not comparable number for number.",
    "",
    "| system | metric | value | note | source |",
    "| --- | --- | ---: | --- | --- |",
    ...rows,
  ].join("\n");
}
