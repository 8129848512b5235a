#!/usr/bin/env python3
"""Checks the seed knowledge in assets/kb and the labelled queries in tests/search/queries.json.

Articles: assets/kb/<en|de>/<slug>.md, a header of exactly title, tags, types, visibility
between two '---' lines, request types that exist in assets/catalog.json, and a body in the
Markdown subset only (headings #..###, paragraphs, '- ' and '1. ' lists, **bold**,
[links](https://...), `inline code`, fenced code blocks). Queries: each expects a public
article that exists in its language. Exits 1 and lists the problems if there are any.

Usage: python3 scripts/check_kb.py  (from anywhere; paths are relative to the repository)
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KB = ROOT / "assets" / "kb"
LANGS = ("en", "de")
HEADER_KEYS = ("title", "tags", "types", "visibility")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MIN_WORDS, MAX_WORDS = 80, 300

problems = []


def problem(where, what):
    problems.append(f"{where}: {what}")


def catalog_types():
    catalog = json.loads((ROOT / "assets" / "catalog.json").read_text(encoding="utf-8"))
    return {t["id"] for t in catalog["types"]}


def check_inline(where, line):
    """Inline text may hold **bold**, [text](https://...) and `code`, nothing else."""
    rest = re.sub(r"`[^`]+`", "", line)  # inline code is taken literally
    if "`" in rest:
        problem(where, "unclosed inline code")
    rest = re.sub(r"\[[^\]]+\]\((https://[^)\s]+)\)", "", rest)
    if re.search(r"\]\(|!\[", rest):
        problem(where, "a link that is not [text](https://...), or an image")
    rest = re.sub(r"\*\*[^*]+\*\*", "", rest)
    if "*" in rest:
        problem(where, "an asterisk outside **bold** (italics are not in the subset)")
    if re.search(r"(^|\s)_[^_]+_(\s|[.,;:]|$)", rest):
        problem(where, "italics with _ are not in the subset")
    if re.search(r"</?[a-zA-Z][^>]*>", rest):
        problem(where, "HTML is not in the subset")


def check_body(name, body):
    in_code = False
    for n, line in enumerate(body.split("\n"), start=1):
        where = f"{name} body line {n}"
        if line.startswith("```"):
            in_code = not in_code
            continue
        if in_code or line == "":
            continue
        if line != line.rstrip():
            problem(where, "trailing spaces")
        if line.startswith("#"):
            m = re.match(r"^(#{1,3}) \S", line)
            if not m:
                problem(where, "headings are '# ', '## ' or '### ' and a title")
            check_inline(where, line[len(m.group(1)) + 1:] if m else line)
            continue
        if line.startswith((" ", "\t")):
            problem(where, "indented lines (nested lists, indented code) are not in the subset")
            continue
        if re.match(r"^(>|\||[*+] |-{3,}|={3,}|\d+\) )", line):
            problem(where, "quotes, tables, '*'/'+' bullets and rules are not in the subset")
            continue
        m = re.match(r"^(- |\d+\. )", line)
        check_inline(where, line[len(m.group(1)):] if m else line)
    if in_code:
        problem(name, "a code block is not closed")


def check_article(path, types):
    name = f"{path.parent.name}/{path.name}"
    if not SLUG.match(path.stem):
        problem(name, "the slug is not lowercase ascii words joined by dashes")
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if len(lines) < 7 or lines[0] != "---" or lines[5] != "---":
        problem(name, "the header is not four lines between two '---' lines")
        return None
    header = {}
    for key, line in zip(HEADER_KEYS, lines[1:5]):
        if not line.startswith(key + ":"):
            problem(name, f"header line '{line}' should start with '{key}:'")
            return None
        value = line[len(key) + 1:]
        if value and not value.startswith(" "):
            problem(name, f"'{key}:' should be followed by a space")
        header[key] = value.strip()
        if ": " in header[key]:
            problem(name, f"'{key}' holds ': ', which a simple key: value (or YAML) reader misreads")
    if not header["title"]:
        problem(name, "empty title")
    for t in filter(None, (t.strip() for t in header["types"].split(","))):
        if t not in types:
            problem(name, f"unknown request type '{t}'")
    if header["visibility"] not in ("public", "internal"):
        problem(name, "visibility is public or internal")
    body = "\n".join(lines[6:])
    if not body.strip():
        problem(name, "empty body")
    words = len(body.split())
    if not MIN_WORDS <= words <= MAX_WORDS:
        problem(name, f"{words} words in the body, outside {MIN_WORDS}..{MAX_WORDS}")
    check_body(name, body)
    return header["visibility"]


def check_queries(visibility):
    path = ROOT / "tests" / "search" / "queries.json"
    queries = json.loads(path.read_text(encoding="utf-8"))
    seen = set()
    for i, q in enumerate(queries):
        where = f"queries.json #{i} {q.get('q')!r}"
        if set(q) != {"q", "lang", "expect"}:
            problem(where, "each query has exactly q, lang and expect")
            continue
        if q["lang"] not in LANGS:
            problem(where, f"unknown lang '{q['lang']}'")
        key = (q["lang"], q["q"].strip().lower())
        if key in seen:
            problem(where, "duplicate query")
        seen.add(key)
        v = visibility.get((q["lang"], q["expect"]))
        if v is None:
            problem(where, f"no article {q['lang']}/{q['expect']}.md")
        elif v != "public":
            problem(where, "expects an internal article; the set is for the public portal")
    return queries


def main():
    types = catalog_types()
    visibility = {}
    for lang in LANGS:
        for path in sorted((KB / lang).glob("*")):
            if path.suffix != ".md":
                problem(f"{lang}/{path.name}", "not a .md file")
                continue
            visibility[(lang, path.stem)] = check_article(path, types)
    queries = check_queries(visibility)
    for p in problems:
        print(p)
    per_lang = {lang: sum(1 for (l, _) in visibility if l == lang) for lang in LANGS}
    internal = sum(1 for v in visibility.values() if v == "internal")
    print(f"{len(visibility)} articles ({per_lang}, {internal} internal), "
          f"{len(queries)} queries, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
