#!/usr/bin/python3
"""Dev tool: generate the LOCOMO scoring test vectors from the official Python scorer.

Writes (all under tests/fixtures/):
  f1_vectors.json          (prediction, answer, category) -> official score, plus normalisation
                           cases; own sentences, unicode, punctuation-only, empty, long, numeric,
                           and random short word sequences built from LOCOMO's vocabulary
  f1_vectors_stems.json    word -> NLTK PorterStemmer() stem for LOCOMO's vocabulary (single
                           words only) and extra words (dictionary, generated forms)
  f1_vectors_lower.json    Python str.lower() of every code point it changes
  f1_vectors_locomo.json   per LOCOMO question id: official scores of fixed perturbations of the
                           gold (numbers only, no LOCOMO text)

The official file (snap-research/locomo task_eval/evaluation.py, commit 9228632) must be copied
to /tmp by hand; it is never part of this repository. Usage (Debian 12: python3-nltk,
python3-regex, python3-numpy, wamerican for /usr/share/dict/words):

  /usr/bin/python3 tools/gen_f1_vectors.py /tmp/locomo_evaluation.py /path/to/locomo10.json

Not needed at run time. Category 5 items without an answer make the official code raise
KeyError; they are scored with an empty placeholder answer (category 5 ignores the gold) and
recorded with answer null.
"""
import importlib.util
import json
import os
import random
import sys
import tempfile
import types

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
FIXTURES = os.path.join(ROOT, "tests", "fixtures")
PERTURBATIONS = ["self", "drop_first", "reverse", "last_word", "padded", "every_other",
                 "abstain"]


def load_official(path):
    sys.modules.setdefault("bert_score", types.SimpleNamespace(score=None))
    spec = importlib.util.spec_from_file_location("locomo_official_evaluation", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def official_scores(official, items):
    """Scores [(prediction, answer_or_None, category)] with the official eval_question_answering."""
    lines = []
    for prediction, answer, category in items:
        lines.append({"prediction": prediction, "answer": "" if answer is None else answer,
                      "category": category, "evidence": []})
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump({"qa": lines}, f)
        path = f.name
    try:
        stdout = sys.stdout
        sys.stdout = open(os.devnull, "w")
        try:
            scores, _, _ = official.eval_question_answering(path, "prediction")
        finally:
            sys.stdout.close()
            sys.stdout = stdout
    finally:
        os.unlink(path)
    return [float(s) for s in scores]


def perturb(kind, gold):
    words = gold.split(" ")
    if kind == "self":
        return gold
    if kind == "drop_first":
        return " ".join(words[1:])
    if kind == "reverse":
        return " ".join(reversed(words))
    if kind == "last_word":
        return words[-1]
    if kind == "padded":
        return "I think it was " + gold + ", probably."
    if kind == "every_other":
        return " ".join(words[::2])
    if kind == "abstain":
        return "Not mentioned in the conversation."
    raise ValueError(kind)


def locomo_texts(data):
    """Turn texts, captions, questions and answers (not URLs) of the dataset."""
    out = []
    for sample in data:
        conv = sample["conversation"]
        for key, value in conv.items():
            if key.startswith("session_") and isinstance(value, list):
                for turn in value:
                    out.append(turn.get("text", ""))
                    if "blip_caption" in turn:
                        out.append(turn["blip_caption"])
        for qa in sample["qa"]:
            out.append(qa["question"])
            for key in ("answer", "adversarial_answer"):
                if key in qa:
                    out.append(str(qa[key]))
    return out


OWN_CASES = [
    ("She painted a sunset.", "a painting of a sunset", 4),
    ("Paris", "Paris", 4),
    ("paris, france", "Paris", 4),
    ("The agencies", "agency", 2),
    ("running happily", "ran happy", 4),
    ("7 May 2023", "7 May 2023", 2),
    ("May 7, 2023", "7 May 2023", 2),
    ("the week before 9 June 2023", "The week before 9 June 2023", 2),
    ("2022", 2022, 2),
    ("In 2022", 2022, 1),
    ("three", 3, 4),
    ("-5", -5, 4),
    ("0", 0, 4),
    ("pottery, camping, painting", "Pottery, camping, painting, swimming", 1),
    ("swimming", "Pottery, camping, painting, swimming", 1),
    ("", "Pottery, camping", 1),
    (",,,", "a, b, c", 1),
    ("a, b, c", ",,,", 1),
    ("likely yes; she enjoys it", "Likely yes; she enjoys outdoor activities", 3),
    ("Likely yes", "Likely yes; since she likes it", 3),
    ("; yes", ";yes", 3),
    ("Not mentioned in the conversation", None, 5),
    ("NO INFORMATION AVAILABLE.", None, 5),
    ("It was not mentioned", "trap answer", 5),
    ("not  mentioned", None, 5),
    ("Nothing was said about it.", None, 5),
    ("", None, 5),
    ("", "", 4),
    ("", "something", 4),
    ("something", "", 4),
    ("!!!", "...", 4),
    ("!!!", "yes", 4),
    ("a an the and", "the", 4),
    ("A", "a", 4),
    ("The The The", "the", 2),
    ("dying lying tying", "die lie tie", 4),
    ("skies news innings", "sky news inning", 4),
    ("generously relational conditional", "generous relate condition", 4),
    ("\u0130stanbul", "istanbul", 4),
    ("\u0130", "i", 4),
    ("caf\u00e9 na\u00efve", "cafe naive", 4),
    ("\u00e9the cat", "cat", 4),
    ("\u00e9 the cat", "cat", 4),
    ("the\u0301 cat", "cat", 4),
    ("\u039f\u0394\u039f\u03a3 \u03a3\u039f\u03a6\u0399\u0391\u03a3", "\u03bf\u03b4\u03bf\u03c2", 4),
    ("cat\x1cdog\x1dbird\x1efish\x1fowl", "cat dog bird fish owl", 4),
    ("cat\x85dog", "cat dog", 4),
    ("cat\ufeffdog", "cat dog", 4),
    ("cat\u00a0dog\u2003the\u3000bird", "cat dog bird", 4),
    ("the\u200dcat", "cat", 4),
    ("\U0001F600 the \U0001F600", "\U0001F600", 4),
    ("hop\U0001F600\U0001F600ing", "hop\U0001F600", 4),
    ("\u5317\u4eac\u3001\u4e0a\u6d77", "\u5317\u4eac", 1),
    ("\uff0c\uff01the", "the", 4),
    ("\u2160 the \u2161", "\u2160", 4),
    ("x*ding", "x*d", 4),
    ("Mr. O'Brien's dog-walking", "mr obriens dogwalking", 4),
]

UNICODE_POOL = (
    "\u00e9\u00df\u0130\u0131\u03a3\u03c2\u0301\u200c\u200d\u00b2\u2160\u24b6\u0660\u4e00"
    "\u3042\uff21\uff41\u00a0\u2028\u0085\u001c\u001f\ufeff\u00ad\u2019\u201c\u2014"
    "\u1e9e\u01c5\u1f88\ufb01\u0345\u0307\u1c89\ua7cb\U00010d50\U0001F600\U0001D400_"
)


def random_unicode_char(rng):
    if rng.random() < 0.5:
        return rng.choice(UNICODE_POOL)
    while True:
        cp = rng.randrange(0x80, 0x110000)
        if not 0xD800 <= cp <= 0xDFFF:
            return chr(cp)


def vocab_phrase(rng, words, lo, hi):
    return " ".join(rng.choice(words) for _ in range(rng.randint(lo, hi)))


def mutate(rng, text, words):
    ops = rng.sample(range(8), rng.randint(1, 3))
    parts = text.split(" ")
    for op in ops:
        if op == 0 and len(parts) > 1:
            parts.pop(rng.randrange(len(parts)))
        elif op == 1:
            parts.insert(rng.randrange(len(parts) + 1), rng.choice(["a", "an", "the", "and", "The"]))
        elif op == 2:
            parts = [p.upper() if rng.random() < 0.3 else p for p in parts]
        elif op == 3:
            i = rng.randrange(len(parts))
            parts[i] += rng.choice(["s", "ed", "ing", "ly", "ness", "ies", "ied", "ation", "ful"])
        elif op == 4:
            i = rng.randrange(len(parts))
            parts[i] += rng.choice([",", ".", "!", "?", "'s", ";", ":", "-", "\""])
        elif op == 5:
            parts.insert(rng.randrange(len(parts) + 1), rng.choice(words))
        elif op == 6:
            rng.shuffle(parts)
        elif op == 7:
            i = rng.randrange(len(parts))
            parts[i] = random_unicode_char(rng) + parts[i] + random_unicode_char(rng)
    return " ".join(parts)


def generated_cases(rng, words):
    cases = []
    numbers = ["2022", "1,000", "3.5", "10 000", "2,5", "-7", "007", "1e5", "\u0661\u0662"]
    for _ in range(300):
        gold = rng.choice([rng.randint(-50, 3000), rng.choice(numbers)])
        pred = rng.choice([str(gold), rng.choice(numbers), f"in {gold}", f"{gold}, {gold}", ""])
        cases.append((pred, gold, rng.randint(1, 4)))
    for _ in range(400):
        text = "".join(rng.choice(["!", "?", ".", ",", ";", " ", "'", "(", ")", "-", "\t", "\u00bf",
                                   "\u201c", "\u2026"]) for _ in range(rng.randint(0, 12)))
        other = rng.choice([text, vocab_phrase(rng, words, 1, 4), ""])
        pair = (text, other) if rng.random() < 0.5 else (other, text)
        cases.append((pair[0], pair[1], rng.randint(1, 4)))
    for _ in range(900):
        core = vocab_phrase(rng, words, 1, 5)
        article = rng.choice(["a", "an", "the", "and", "An", "THE"])
        left = random_unicode_char(rng) if rng.random() < 0.7 else ""
        right = random_unicode_char(rng) if rng.random() < 0.7 else ""
        pred = f"{core} {left}{article}{right} {vocab_phrase(rng, words, 0, 2)}"
        cases.append((pred, core, rng.choice([2, 3, 4])))
    for _ in range(3200):
        gold = vocab_phrase(rng, words, 1, 8)
        pred = mutate(rng, gold, words)
        cases.append((pred, gold, rng.choice([2, 3, 4])))
    for _ in range(1200):
        golds = [vocab_phrase(rng, words, 1, 3) for _ in range(rng.randint(1, 12))]
        preds = [mutate(rng, g, words) for g in golds if rng.random() < 0.7]
        preds += [vocab_phrase(rng, words, 1, 3) for _ in range(rng.randint(0, 3))]
        rng.shuffle(preds)
        sep = rng.choice([", ", ",", " , ", ",\u00a0"])
        cases.append((sep.join(preds), sep.join(golds), 1))
    for _ in range(500):
        gold = vocab_phrase(rng, words, 1, 4) + rng.choice(["; ", ";", " ; "]) + \
            vocab_phrase(rng, words, 1, 6)
        pred = rng.choice([mutate(rng, gold, words), gold.split(";")[0], gold, gold.split(";")[-1]])
        cases.append((pred, gold, 3))
    phrases = ["not mentioned", "Not Mentioned", "no information available", "No information",
               "not   mentioned", "n't mentioned", "It is NOT MENTIONED.", "nOt MeNtIoNeD",
               "no information available!", "unknown", "", "not mention"]
    for _ in range(500):
        pred = rng.choice(phrases)
        if rng.random() < 0.5:
            pred = vocab_phrase(rng, words, 0, 3) + " " + pred + " " + vocab_phrase(rng, words, 0, 3)
        answer = rng.choice([None, None, vocab_phrase(rng, words, 1, 3), rng.randint(0, 99)])
        cases.append((pred, answer, 5))
    for n in (500, 2000, 6000):
        gold = vocab_phrase(rng, words, n, n)
        cases.append((mutate(rng, gold, words), gold, 4))
        cases.append((gold, gold, 1))
    return cases


def normalisation_cases(rng, words):
    out = []
    for _ in range(1500):
        parts = []
        for _ in range(rng.randint(1, 6)):
            kind = rng.random()
            if kind < 0.4:
                parts.append(rng.choice(["a", "an", "the", "and", "A", "THE", "And"]))
            elif kind < 0.7:
                parts.append(random_unicode_char(rng))
            elif kind < 0.85:
                parts.append(rng.choice(words))
            else:
                parts.append(rng.choice([" ", ",", ".", "\x1c", "\x85", "\ufeff", "\u00a0", "'"]))
        out.append("".join(parts))
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    official = load_official(sys.argv[1])
    with open(sys.argv[2], encoding="utf-8") as f:
        data = json.load(f)
    rng = random.Random(20240521)
    texts = locomo_texts(data)
    raw_words = sorted({w for t in texts for w in t.split() if len(w) <= 30})
    cases = OWN_CASES + generated_cases(rng, raw_words)
    scores = official_scores(official, cases)
    normal_inputs = normalisation_cases(rng, raw_words)
    vectors = {
        "source": "snap-research/locomo task_eval/evaluation.py @ 9228632, "
                  f"Python {sys.version.split()[0]}; generated by tools/gen_f1_vectors.py",
        "cases": [[p, a, c, s] for (p, a, c), s in zip(cases, scores)],
        "normalize": [[s, official.normalize_answer(s)] for s in normal_inputs],
    }
    write_json("f1_vectors.json", vectors)

    vocab = sorted({w for t in texts for w in official.normalize_answer(t).split()})
    extra = set()
    if os.path.exists("/usr/share/dict/words"):
        with open("/usr/share/dict/words", encoding="utf-8") as f:
            dictionary = [w.strip() for w in f if w.strip()]
        extra.update(rng.sample(dictionary, 4000))
    suffixes = ["s", "es", "ed", "ing", "ly", "ness", "ational", "ization", "alli", "fulli",
                "logi", "bli", "iveness", "aliti", "biliti", "icate", "ative", "ement", "ion",
                "ies", "ied", "eed", "y", "ll", "ying"]
    for w in rng.sample(vocab, 1500):
        extra.add(w + rng.choice(suffixes))
    for _ in range(1500):
        extra.add("".join(rng.choice("aeiouyyylsztbcdnrwx") for _ in range(rng.randint(1, 10))))
    extra.update(["SKY", "Dying", "\u0130\u0130", "a\u0130", "ab*ding", "\U0001F600\U0001F600ing",
                  "hop\U0001F600\U0001F600ing", "caf\u00e9s", "yyyyyyy", "\u0131\u0131ing"])
    stemmer = official.ps
    write_json("f1_vectors_stems.json", {
        "source": f"NLTK PorterStemmer() (NLTK_EXTENSIONS), nltk {__import__('nltk').__version__}",
        "locomo": {w: stemmer.stem(w) for w in vocab},
        "extra": {w: stemmer.stem(w) for w in sorted(extra - set(vocab))},
    })

    lower = {}
    for cp in range(0x110000):
        c = chr(cp)
        if c.lower() != c:
            lower[str(cp)] = c.lower()
    write_json("f1_vectors_lower.json", {"source": f"Python {sys.version.split()[0]} str.lower()",
                                         "lower": lower})

    ids, items = [], []
    for sample in data:
        for index, qa in enumerate(sample["qa"]):
            gold = str(qa.get("answer", ""))
            ids.append(f"{sample['sample_id']}:q{index}")
            for kind in PERTURBATIONS:
                prediction = gold if kind == "self" else perturb(kind, gold)
                items.append((prediction, qa.get("answer"), qa["category"]))
    locomo_scores = official_scores(official, items)
    k = len(PERTURBATIONS)
    write_json("f1_vectors_locomo.json", {
        "source": vectors["source"],
        "perturbations": PERTURBATIONS,
        "scores": {qid: locomo_scores[i * k:(i + 1) * k] for i, qid in enumerate(ids)},
    })
    print(f"{len(cases)} cases, {len(normal_inputs)} normalisations, {len(vocab)} LOCOMO words, "
          f"{len(extra - set(vocab))} extra words, {len(ids)} LOCOMO questions")


def write_json(name, value):
    path = os.path.join(FIXTURES, name)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(value, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    os.replace(tmp, path)
    print(f"wrote {path} ({os.path.getsize(path)} bytes)")


if __name__ == "__main__":
    main()
