/**
 * An exact port of NLTK's `PorterStemmer()` in its default mode, `NLTK_EXTENSIONS` (checked
 * against NLTK 3.8 as shipped by Debian 12), which the official LOCOMO scorer uses.
 *
 * Why a port: npm stemmers implement Martin Porter's own version, not NLTK's extensions. Measured
 * on the 9,536 distinct tokens of every string in locomo10.json (turns, captions, questions,
 * answers, observations, summaries) after the official normalisation: `stemmer@2.0.1` 167
 * mismatches, `porter-stemmer@0.9.1` 167, `natural@8.1.0` (PorterStemmer) 167 (e.g. `always` →
 * `alwai` vs NLTK `alway`, `age` → `ag` vs `age`, `additionally` → `addition` vs `addit`).
 * This port: 0 mismatches on those 9,536 tokens and on 149,831 extra words (the 104,334 words of
 * Debian's wamerican list, LOCOMO words with added suffixes, random letter strings, unicode and
 * emoji words); tests/fixtures/f1_vectors_stems.json keeps 13,152 of them (tools/gen_f1_vectors.py).
 *
 * NLTK details reproduced: the irregular-forms pool (`dying` → `die`, `skies` → `sky`, …) looked
 * up with the word as given; words of at most two code points returned lowercased; `ies`/`ied`
 * on four-letter words; step 1c's `y` → `i` only after a consonant that is not the first letter;
 * the `alli`, `fulli` and `logi` rules of step 2; the two-letter `*o` condition; Python `lower()`;
 * lengths and positions in code points (not UTF-16 units); and the rule-list quirk that a literal
 * `*d` suffix in step 1b is treated as a suffix.
 *
 * @module
 */

import { pyLower } from "./python_text.ts";

/** Irregular forms of NLTK_EXTENSIONS mode: word → stem. */
const POOL: ReadonlyMap<string, string> = new Map([
  ["sky", "sky"],
  ["skies", "sky"],
  ["dying", "die"],
  ["lying", "lie"],
  ["tying", "tie"],
  ["news", "news"],
  ["innings", "inning"],
  ["inning", "inning"],
  ["outings", "outing"],
  ["outing", "outing"],
  ["cannings", "canning"],
  ["canning", "canning"],
  ["howe", "howe"],
  ["proceed", "proceed"],
  ["exceed", "exceed"],
  ["succeed", "succeed"],
]);

const ASTRAL = /[\ud800-\udbff][\udc00-\udfff]/;
const ASTRAL_ALL = /[\ud800-\udbff][\udc00-\udfff]/g;

type Condition = ((stem: string) => boolean) | null;
type Rule = readonly [suffix: string, replacement: string, condition: Condition];

function isVowelLetter(code: number): boolean {
  // a e i o u
  return code === 97 || code === 101 || code === 105 || code === 111 || code === 117;
}

/** NLTK `_is_consonant`, iteratively (NLTK recurses over runs of `y`). */
function isConsonant(word: string, i: number): boolean {
  const code = word.charCodeAt(i);
  if (isVowelLetter(code)) return false;
  if (code !== 121) return true;
  let j = i;
  while (j > 0 && word.charCodeAt(j - 1) === 121) j--;
  // word[j] is the first `y` of the run; it is a consonant at 0 or after a vowel.
  const firstIsConsonant = j === 0 ? true : !isConsonant(word, j - 1);
  return (i - j) % 2 === 0 ? firstIsConsonant : !firstIsConsonant;
}

/** NLTK `_measure`: the number of vowel→consonant transitions. */
function measure(stem: string): number {
  let m = 0;
  let previousVowel = false;
  for (let i = 0; i < stem.length; i++) {
    const consonant = isConsonant(stem, i);
    if (consonant && previousVowel) m++;
    previousVowel = !consonant;
  }
  return m;
}

function hasPositiveMeasure(stem: string): boolean {
  return measure(stem) > 0;
}

function measureGt1(stem: string): boolean {
  return measure(stem) > 1;
}

function containsVowel(stem: string): boolean {
  for (let i = 0; i < stem.length; i++) if (!isConsonant(stem, i)) return true;
  return false;
}

function endsDoubleConsonant(word: string): boolean {
  const n = word.length;
  return n >= 2 && word[n - 1] === word[n - 2] && isConsonant(word, n - 1);
}

/** NLTK `_ends_cvc` in NLTK_EXTENSIONS mode (with the two-letter `vc` case). */
function endsCvc(word: string): boolean {
  const n = word.length;
  if (n >= 3) {
    const last = word[n - 1] as string;
    if (
      isConsonant(word, n - 3) && !isConsonant(word, n - 2) && isConsonant(word, n - 1) &&
      last !== "w" && last !== "x" && last !== "y"
    ) return true;
  }
  return n === 2 && !isConsonant(word, 0) && isConsonant(word, 1);
}

/** NLTK `_apply_rule_list`: the first rule whose suffix matches decides. */
function applyRules(word: string, rules: readonly Rule[]): string {
  for (const [suffix, replacement, condition] of rules) {
    if (suffix === "*d" && endsDoubleConsonant(word)) {
      const stem = word.slice(0, -2);
      return condition === null || condition(stem) ? stem + replacement : word;
    }
    if (word.endsWith(suffix)) {
      const stem = suffix === "" ? word : word.slice(0, -suffix.length);
      return condition === null || condition(stem) ? stem + replacement : word;
    }
  }
  return word;
}

const STEP1A: readonly Rule[] = [["sses", "ss", null], ["ies", "i", null], ["ss", "ss", null], [
  "s",
  "",
  null,
]];

function step1a(word: string): string {
  if (word.endsWith("ies") && word.length === 4) return word.slice(0, -3) + "ie";
  return applyRules(word, STEP1A);
}

function step1b(word: string): string {
  if (word.endsWith("ied")) return word.slice(0, -3) + (word.length === 4 ? "ie" : "i");
  if (word.endsWith("eed")) {
    const stem = word.slice(0, -3);
    return measure(stem) > 0 ? stem + "ee" : word;
  }
  let intermediate: string | null = null;
  for (const suffix of ["ed", "ing"]) {
    if (word.endsWith(suffix)) {
      const candidate = word.slice(0, -suffix.length);
      if (containsVowel(candidate)) {
        intermediate = candidate;
        break;
      }
    }
  }
  if (intermediate === null) return word;
  // The rule list of step 1b, unrolled: at, bl, iz, then *d, then the empty suffix.
  if (intermediate.endsWith("at")) return intermediate + "e";
  if (intermediate.endsWith("bl")) return intermediate + "e";
  if (intermediate.endsWith("iz")) return intermediate + "e";
  const last = intermediate[intermediate.length - 1] as string;
  if (endsDoubleConsonant(intermediate) || intermediate.endsWith("*d")) {
    return last !== "l" && last !== "s" && last !== "z"
      ? intermediate.slice(0, -2) + last
      : intermediate;
  }
  return measure(intermediate) === 1 && endsCvc(intermediate) ? intermediate + "e" : intermediate;
}

const STEP1C: readonly Rule[] = [
  ["y", "i", (stem) => stem.length > 1 && isConsonant(stem, stem.length - 1)],
];

const STEP2_BASE: readonly Rule[] = [
  ["ational", "ate", hasPositiveMeasure],
  ["tional", "tion", hasPositiveMeasure],
  ["enci", "ence", hasPositiveMeasure],
  ["anci", "ance", hasPositiveMeasure],
  ["izer", "ize", hasPositiveMeasure],
  ["bli", "ble", hasPositiveMeasure],
  ["alli", "al", hasPositiveMeasure],
  ["entli", "ent", hasPositiveMeasure],
  ["eli", "e", hasPositiveMeasure],
  ["ousli", "ous", hasPositiveMeasure],
  ["ization", "ize", hasPositiveMeasure],
  ["ation", "ate", hasPositiveMeasure],
  ["ator", "ate", hasPositiveMeasure],
  ["alism", "al", hasPositiveMeasure],
  ["iveness", "ive", hasPositiveMeasure],
  ["fulness", "ful", hasPositiveMeasure],
  ["ousness", "ous", hasPositiveMeasure],
  ["aliti", "al", hasPositiveMeasure],
  ["iviti", "ive", hasPositiveMeasure],
  ["biliti", "ble", hasPositiveMeasure],
  ["fulli", "ful", hasPositiveMeasure],
];

function step2(word: string): string {
  if (word.endsWith("alli") && hasPositiveMeasure(word.slice(0, -4))) {
    return step2(word.slice(0, -4) + "al");
  }
  const result = applyRules(word, STEP2_BASE);
  if (result !== word || STEP2_BASE.some(([suffix]) => word.endsWith(suffix))) return result;
  // The last rule, `logi` → `log`, tests the measure of the word without `ogi`.
  return word.endsWith("logi") && hasPositiveMeasure(word.slice(0, -3))
    ? word.slice(0, -4) + "log"
    : word;
}

const STEP3: readonly Rule[] = [
  ["icate", "ic", hasPositiveMeasure],
  ["ative", "", hasPositiveMeasure],
  ["alize", "al", hasPositiveMeasure],
  ["iciti", "ic", hasPositiveMeasure],
  ["ical", "ic", hasPositiveMeasure],
  ["ful", "", hasPositiveMeasure],
  ["ness", "", hasPositiveMeasure],
];

const STEP4: readonly Rule[] = [
  ["al", "", measureGt1],
  ["ance", "", measureGt1],
  ["ence", "", measureGt1],
  ["er", "", measureGt1],
  ["ic", "", measureGt1],
  ["able", "", measureGt1],
  ["ible", "", measureGt1],
  ["ant", "", measureGt1],
  ["ement", "", measureGt1],
  ["ment", "", measureGt1],
  ["ent", "", measureGt1],
  ["ion", "", (stem) => measure(stem) > 1 && /[st]$/.test(stem)],
  ["ou", "", measureGt1],
  ["ism", "", measureGt1],
  ["ate", "", measureGt1],
  ["iti", "", measureGt1],
  ["ous", "", measureGt1],
  ["ive", "", measureGt1],
  ["ize", "", measureGt1],
];

function step5a(word: string): string {
  if (!word.endsWith("e")) return word;
  const stem = word.slice(0, -1);
  const m = measure(stem);
  if (m > 1) return stem;
  if (m === 1 && !endsCvc(stem)) return stem;
  return word;
}

function step5b(word: string): string {
  return word.endsWith("ll") && measure(word.slice(0, -1)) > 1 ? word.slice(0, -1) : word;
}

/** The Porter steps on a lowercased word of BMP code points. */
function stemSteps(word: string): string {
  let stem = step1a(word);
  stem = step1b(stem);
  stem = applyRules(stem, STEP1C);
  stem = step2(stem);
  stem = applyRules(stem, STEP3);
  stem = applyRules(stem, STEP4);
  stem = step5a(stem);
  return step5b(stem);
}

/**
 * Runs the steps with each astral code point replaced by a private-use BMP stand-in, so that
 * lengths and positions count code points as Python does. Stand-ins are consonants like the
 * characters they replace and are chosen not to occur in the word.
 */
function stemAstral(word: string): string {
  const toStandIn = new Map<string, string>();
  const fromStandIn = new Map<string, string>();
  let next = 0xe000;
  const replaced = word.replace(ASTRAL_ALL, (pair) => {
    const known = toStandIn.get(pair);
    if (known !== undefined) return known;
    let standIn = String.fromCharCode(next++);
    while (word.includes(standIn)) standIn = String.fromCharCode(next++);
    toStandIn.set(pair, standIn);
    fromStandIn.set(standIn, pair);
    return standIn;
  });
  let out = "";
  for (const ch of stemSteps(replaced)) out += fromStandIn.get(ch) ?? ch;
  return out;
}

function codePointLength(s: string): number {
  let n = s.length;
  if (ASTRAL.test(s)) n -= s.match(ASTRAL_ALL)?.length ?? 0;
  return n;
}

/**
 * NLTK's `PorterStemmer().stem(word)` (NLTK_EXTENSIONS mode, `to_lowercase=True`), e.g.
 * `porterStem("agencies") === "agenc"`, `porterStem("dying") === "die"`,
 * `porterStem("Running") === "run"`.
 */
export function porterStem(word: string): string {
  const lower = pyLower(word);
  const irregular = POOL.get(word);
  if (irregular !== undefined) return irregular;
  if (codePointLength(word) <= 2) return lower;
  return ASTRAL.test(lower) ? stemAstral(lower) : stemSteps(lower);
}
