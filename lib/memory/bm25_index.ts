/**
 * A small in-memory BM25 index over analysed documents (lists of terms).
 *
 * @module
 */

/** An inverted index: for each term the documents that hold it and how often. */
export interface Bm25Index {
  /** Number of documents. */
  readonly size: number;
  /** Length (term count) of each document. */
  readonly lengths: Float64Array;
  /** Mean document length (1 when the index is empty). */
  readonly averageLength: number;
  /** term → parallel arrays of document numbers and term frequencies. */
  readonly postings: ReadonlyMap<string, { docs: number[]; freqs: number[] }>;
  /** The documents' terms (forward index, used by pseudo-relevance feedback). */
  readonly documents: readonly (readonly string[])[];
}

/** BM25 parameters. */
export interface Bm25Params {
  /** Term-frequency saturation. */
  k1: number;
  /** Length normalisation (0 none, 1 full). */
  b: number;
}

/**
 * Builds an index over documents given as term lists.
 *
 * @example
 * ```ts
 * import { buildBm25Index } from "./bm25_index.ts";
 * const index = buildBm25Index([["paint", "sunset"], ["swim"]]);
 * index.size; // 2
 * ```
 */
export function buildBm25Index(documents: readonly (readonly string[])[]): Bm25Index {
  const postings = new Map<string, { docs: number[]; freqs: number[] }>();
  const lengths = new Float64Array(documents.length);
  let total = 0;
  documents.forEach((terms, doc) => {
    lengths[doc] = terms.length;
    total += terms.length;
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const [term, freq] of counts) {
      let posting = postings.get(term);
      if (posting === undefined) {
        posting = { docs: [], freqs: [] };
        postings.set(term, posting);
      }
      posting.docs.push(doc);
      posting.freqs.push(freq);
    }
  });
  const averageLength = documents.length === 0 ? 1 : Math.max(total / documents.length, 1);
  return { size: documents.length, lengths, averageLength, postings, documents };
}

/**
 * The inverse document frequency of `term` (Lucene's non-negative form,
 * `ln(1 + (N − df + 0.5) / (df + 0.5))`); 0 for unknown terms.
 */
export function idf(index: Bm25Index, term: string): number {
  const df = index.postings.get(term)?.docs.length ?? 0;
  if (df === 0) return 0;
  return Math.log(1 + (index.size - df + 0.5) / (df + 0.5));
}

/**
 * BM25 scores of every document for weighted query terms (weights multiply each term's share).
 *
 * @example
 * ```ts
 * import { buildBm25Index, scoreBm25 } from "./bm25_index.ts";
 * const index = buildBm25Index([["paint", "sunset"], ["swim"]]);
 * const scores = scoreBm25(index, new Map([["swim", 1]]), { k1: 1.2, b: 0.75 });
 * scores[1]; // > 0: document 1 holds "swim"
 * ```
 */
export function scoreBm25(
  index: Bm25Index,
  query: ReadonlyMap<string, number>,
  params: Bm25Params,
): Float64Array {
  const scores = new Float64Array(index.size);
  const { k1, b } = params;
  for (const [term, weight] of query) {
    const posting = index.postings.get(term);
    if (posting === undefined || weight === 0) continue;
    const termIdf = idf(index, term) * weight;
    for (let i = 0; i < posting.docs.length; i++) {
      const doc = posting.docs[i]!;
      const tf = posting.freqs[i]!;
      const norm = k1 * (1 - b + b * index.lengths[doc]! / index.averageLength);
      scores[doc] = scores[doc]! + termIdf * (tf * (k1 + 1)) / (tf + norm);
    }
  }
  return scores;
}
