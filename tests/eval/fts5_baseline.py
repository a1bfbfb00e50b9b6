#!/usr/bin/env python3
"""The yardstick search is measured against: SQLite FTS5 with BM25 over the same articles.

Every translation is a row (title and body, unicode61 tokenizer with diacritics removed); a
question is the OR of its words, ranked by bm25(); one result per article, up to 5. FTS5 has no
notion of confidence, so it answers whenever it finds anything. Prints the same table as run.mjs:

    python3 tests/eval/fts5_baseline.py [QUESTIONS.jsonl ...]

(default: the development and held-out sets together). Not part of `make test`: it measures the
baseline, not serai.
"""
import json
import re
import sqlite3
import sys
from collections import OrderedDict
from pathlib import Path

here = Path(__file__).resolve().parent
kb = here.parent.parent.parent / "shared" / "sample-kb" / "articles.jsonl"
files = sys.argv[1:] or [here / "questions.jsonl", here / "holdout.jsonl"]

db = sqlite3.connect(":memory:")
db.execute("CREATE VIRTUAL TABLE doc USING fts5(slug UNINDEXED, lang UNINDEXED, title, body, "
           "tokenize = 'unicode61 remove_diacritics 2')")
for line in kb.read_text(encoding="utf-8").splitlines():
    if line.strip():
        a = json.loads(line)
        db.execute("INSERT INTO doc VALUES (?, ?, ?, ?)", (a["slug"], a["lang"], a["title"], a["body"]))

questions = [json.loads(l) for f in files for l in Path(f).read_text(encoding="utf-8").splitlines() if l.strip()]


def ask(q):
    words = re.findall(r"\w+", q)
    if not words:
        return []
    match = " OR ".join('"' + w.replace('"', '""') + '"' for w in words)
    slugs = []
    for (slug,) in db.execute("SELECT slug FROM doc WHERE doc MATCH ? ORDER BY bm25(doc) LIMIT 50", (match,)):
        if slug not in slugs:
            slugs.append(slug)
    return slugs[:5]


def score(items):
    answerable = [q for q in items if q["expect"]]
    none = [q for q in items if not q["expect"]]
    rr = hits = 0.0
    for q in answerable:
        found = results[q["id"]]
        rank = next((i for i, s in enumerate(found) if s in q["expect"]), -1)
        if rank >= 0:
            rr += 1 / (rank + 1)
            hits += 1
    abstained = sum(1 for q in none if not results[q["id"]])
    fmt = lambda x, n: f"{x / n:.3f}" if n else "    -"
    return len(items), fmt(rr, len(answerable)), fmt(hits, len(answerable)), fmt(abstained, len(none))


results = {q["id"]: ask(q["q"]) for q in questions}
groups = OrderedDict([("all", questions)])
for q in questions:
    groups.setdefault(q["lang"] + (" (Latin)" if q.get("script") == "latin" else ""), []).append(q)
print("group            questions  MRR@5  recall@5  abstention")
for name, items in groups.items():
    n, mrr, recall, abstention = score(items)
    print(f"{name:<16} {n:>9}  {mrr}  {recall:>8}  {abstention:>10}")
