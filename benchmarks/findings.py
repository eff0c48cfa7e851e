"""How far can a fact-checker trust compare's findings?  Precision and recall on a judged set.

Two corpora, scored in one run:

* the judged sets: real multi-outlet accounts collected from public pages.  Only their URLs,
  offsets, sha256 and our judgements are committed (benchmarks/data/<set>/); the texts stay outside
  the repository.  ``judged`` (the default): air crashes, disasters, summits, votes and troop
  deployments; ``judged2``: a second collection of 17 events of other kinds (verdicts, votes,
  storms, quakes, a fire, a shooting, a strike, a launch, a match, layoffs, military strikes),
  split before any output was seen into halves ``dev2`` and ``heldout`` (each account's ``half``),
  scored and printed per half; ``judged3``: 18 events of still other kinds (train, ferry, mine,
  crowd, bridge and building disasters, a wildfire, floods, landslides, a prisoner swap, a hostage
  release, a moon landing, a final, an election, a rate decision, a court ruling), since tuned on;
  ``judged4``: 17 events of yet other kinds (an eruption, a fire, a stadium crush, a shipwreck, heat
  deaths, a port blast, a cyclone, a bus crash, a House vote, a sentence, an acquisition, a strike
  deal, a record, a kidnapping, a crackdown, an IT outage, a launch failure), the unseen figure of
  round five; ``judged5``: 18 events of still other kinds (a submersible, a blowout, martial law, a
  factory collapse, a prison break, a glacier, a ramming, toxic liquor, a bank failure, a coup, a dam, a
  gas leak, a cave rescue, a recall, a tornado, a hack, a conclave, a black-hole image), the unseen
  figure of round six.  Every directory of benchmarks/data with an accounts.json is a set.
  ``--judged-set NAME[=CORPUS]`` (repeatable) picks the sets; a
  set's corpus defaults to /work/private/h10-NAME/corpus.  ``--rebuild-from DIR`` rebuilds the
  first set's private corpus from the page texts (DIR/<event>/<file>.txt, each at least as long as
  its excerpt) and checks every sha256; ``--validate`` only checks (every chosen set).
* ECB+ (../shared/data/ecbplus-dev): the documents of the chosen topics (default: the usual dev
  split, topics 2 5 12 18 21 23 34 35; the test topics 36-45 are not in the shared copy) written to
  a temporary corpus, one file per document.

compare runs through the library API (``compare.run_corpus``); with ``--compare-python PATH`` the
same corpora also go through another install of compare (e.g. the previous release's venv) in a
subprocess, and both sets of figures are printed side by side.

Every ``error`` and ``warning`` finding gets a stable key (event, type, the values on each side by
outlet) and is looked up in benchmarks/data/judged/judgements.json (true = a real conflict between
the accounts that a careful editor would agree with); each set has its own judgements.json.  Printed: error precision, warning precision
(all warnings, or a seeded random sample when there are more than ``--warning-sample``), recall of
the conflicts listed by reading the judged accounts (conflicts.json: found when an error or warning
compares two of the listed values from the outlets that give them), and every finding not yet
judged, with its sentences.

  .venv/bin/python benchmarks/findings.py [--corpus DIR] [--compare-python /work/wt/release-prev/.venv/bin/python]
  .venv/bin/python benchmarks/findings.py --judged-set judged --judged-set judged2 --ecbplus-topics
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DATA_ROOT = HERE / "data"
DATA = DATA_ROOT / "judged"
DEFAULT_CORPUS = Path("/work/private/h10-judged/corpus")


def default_corpus(name: str) -> Path:
    """Where a judged set's private corpus lives unless told: /work/private/h10-<name>/corpus."""
    return Path(f"/work/private/h10-{name}/corpus")


def _find_ecbplus() -> Path:
    """../shared/data/ecbplus-dev/ecbplus_docs.jsonl, looked for above the checkout (main or a worktree)."""
    tail = Path("shared") / "data" / "ecbplus-dev" / "ecbplus_docs.jsonl"
    for parent in HERE.parents:
        if (parent / tail).is_file():
            return parent / tail
    return HERE.parents[1] / tail


DEFAULT_ECBPLUS = _find_ecbplus()
DEV_TOPICS = (2, 5, 12, 18, 21, 23, 34, 35)
GRADED = ("error", "warning")

# Run in the other interpreter: corpus in, report.json out (its own library API).
_RUNNER = """
import json, sys
from compare.pipeline import run_corpus
from compare.report import report_to_dict
report = report_to_dict(run_corpus(sys.argv[1]))
with open(sys.argv[2], "w", encoding="utf-8") as fh:
    json.dump(report, fh)
"""


# --------------------------------------------------------------------------- the judged data


def load_json(name: str, data: Path = DATA) -> Any:
    path = data / name
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_manifest(corpus: Path, accounts: list[dict[str, Any]], name: str = "judged") -> None:
    files = {
        a["file"]: {"outlet": a["outlet"], "url": a["url"], "date": a["date"], "language": "en"}
        for a in accounts
    }
    manifest = {"version": 1, "description": f"judged set (benchmarks/data/{name})", "files": files}
    (corpus / "compare-manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n",
                                                  encoding="utf-8")


def rebuild_corpus(source: Path, corpus: Path, accounts: list[dict[str, Any]], name: str = "judged") -> list[str]:
    """Cut each account's excerpt out of ``source``/<file> and write the corpus; problems in words."""
    problems = []
    for account in accounts:
        page = source / account["file"]
        if not page.is_file():
            problems.append(f"{account['file']}: missing in {source}")
            continue
        text = page.read_text(encoding="utf-8")[account["start"]:account["end"]]
        if sha256(text) != account["sha256"]:
            problems.append(f"{account['file']}: sha256 of [{account['start']}:{account['end']}] differs")
            continue
        target = corpus / account["file"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    write_manifest(corpus, accounts, name)
    return problems


def validate_corpus(corpus: Path, accounts: list[dict[str, Any]]) -> list[str]:
    problems = []
    for account in accounts:
        path = corpus / account["file"]
        if not path.is_file():
            problems.append(f"{account['file']}: missing")
        elif sha256(path.read_text(encoding="utf-8")) != account["sha256"]:
            problems.append(f"{account['file']}: sha256 differs")
    if not (corpus / "compare-manifest.json").is_file():
        problems.append("compare-manifest.json: missing")
    return problems


# --------------------------------------------------------------------------- ECB+ as a corpus


def detokenize(text: str) -> str:
    """ECB+ stores tokens joined by spaces; join them back the way a page would print them."""
    text = text.replace("``", '"').replace("''", '"')
    text = re.sub(r"(\d) ([.:/]) (\d)", r"\1\2\3", text)  # "6 . 1", "17 : 06", "11 / 27 / 2005"
    text = re.sub(r"(?<=\d) , (?=\d{3}(?!\d))", ",", text)  # "1 , 500" is 1,500; "April 28 , 2009" stays a date
    text = re.sub(r" ([,.;:!?%)])", r"\1", text)
    text = re.sub(r"([($]) ", r"\1", text)
    text = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    text = re.sub(r'" (.*?) "', r'"\1"', text)
    return text


def write_ecbplus_corpus(data: Path, topics: Iterable[int], corpus: Path) -> int:
    """One text file per document of ``topics`` under <corpus>/t<topic>/; the first sentence of an
    'ecbplus' document is the tokenised URL it came from, not article text, and is left out."""
    wanted = set(topics)
    files = {}
    for line in data.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        if int(doc["topic"]) not in wanted:
            continue
        sentences = [s["text"] for s in doc["sentences"]]
        if sentences and sentences[0].replace(" ", "").startswith("http"):
            sentences = sentences[1:]
        rel = f"t{int(doc['topic']):02d}/{doc['doc_id']}.txt"
        (corpus / rel).parent.mkdir(parents=True, exist_ok=True)
        (corpus / rel).write_text("\n".join(detokenize(s) for s in sentences) + "\n", encoding="utf-8")
        files[rel] = {"outlet": f"ecb+ {doc['doc_id']}", "language": "en"}
    manifest = {"version": 1, "files": files}
    (corpus / "compare-manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return len(files)


# --------------------------------------------------------------------------- running compare


def run_here(corpus: Path) -> dict[str, Any]:
    from compare import run_corpus
    from compare.report import report_to_dict

    return report_to_dict(run_corpus(corpus))


def run_with(python: str, corpus: Path) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="findings-") as tmp:
        out = Path(tmp) / "report.json"
        subprocess.run([python, "-c", _RUNNER, str(corpus), str(out)], check=True, cwd=tmp)
        return json.loads(out.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- findings and keys


@dataclass
class Finding:
    key: str
    event: str
    type: str
    severity: str
    values: dict[str, str]
    summary: str
    sentences: list[tuple[str, int, int, int, str]] = field(default_factory=list)  # path, index, start, end, text


def norm(value: Any) -> str:
    text = re.sub(r"[\"“”]", "", str(value))
    return re.sub(r"\s+", " ", text).strip().lower()


def finding_values(discrepancy: dict[str, Any]) -> dict[str, str]:
    """The value each outlet gives, from the finding's details (falls back to its summary)."""
    details = discrepancy.get("details") or {}
    values = details.get("values")
    if isinstance(values, dict) and values:
        if details.get("cue"):  # a cue word: the accounts that use it (the rest vary with grouping)
            used = {str(k): f"{norm(details['cue'])}: used" for k, v in values.items() if norm(v) == "used"}
            if used:
                return used
        return {str(k): norm(v) for k, v in values.items()}
    if "label" in details and "outlet" in details:
        return {str(details["outlet"]): "label " + norm(details["label"])}
    return {"*": norm(discrepancy.get("summary", ""))}


def event_name(path: str) -> str:
    return path.split("/", 1)[0] if "/" in path else path


def collect_findings(report: dict[str, Any]) -> list[Finding]:
    stories = {s["id"]: (d["path"], s) for d in report["documents"] for s in d["stories"]}
    found = []
    for event in report["events"]:
        for d in event["discrepancies"]:
            if d["severity"] not in GRADED:
                continue
            refs = []
            for ref in d["sentences"]:
                path, story = stories[ref["story"]]
                sentence = story["sentences"][ref["index"]]
                refs.append((path, ref["index"], sentence["start"], sentence["end"], sentence["text"]))
            name = "+".join(sorted({event_name(r[0]) for r in refs})) or event["id"]
            values = finding_values(d)
            key = "|".join([name, d["type"], *(f"{o}={v}" for o, v in sorted(values.items()))])
            found.append(Finding(key, name, d["type"], d["severity"], values, d["summary"], refs))
    return found


# --------------------------------------------------------------------------- scoring

_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}


_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i > 1}


def numbers_in(text: str) -> set[float]:
    """Every number a value string carries: digits (1,644 / 6.4) and words up to ninety-nine."""
    out = {float(m.replace(",", "")) for m in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}
    words = re.findall(r"[a-z]+", text.lower())
    i = 0
    while i < len(words):
        word, following = words[i], words[i + 1] if i + 1 < len(words) else ""
        if word in _TENS and 0 < _NUMBER_WORDS.get(following, 0) < 10:
            out.add(float(_TENS[word] + _NUMBER_WORDS[following]))
            i += 2
            continue
        if word in _TENS:
            out.add(float(_TENS[word]))
        elif word in _NUMBER_WORDS:
            out.add(float(_NUMBER_WORDS[word]))
        i += 1
    return out


def value_matches(found: str, listed: str) -> bool:
    """Does the value a finding shows carry the value we listed?  Numbers as numbers, else words."""
    listed_n = norm(listed)
    if re.fullmatch(r"[\d,]+(\.\d+)?", listed_n):
        return float(listed_n.replace(",", "")) in numbers_in(found)
    return re.search(r"(?<![\w-])" + re.escape(listed_n) + r"(?![\w-])", norm(found)) is not None


_MONTH = re.compile(r"(?<![a-z])(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?:[a-z]*)(?![a-z])")
_MONTH_WORDS = {"jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul",
                "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec",
                "december"}


def months_in(text: str) -> set[str]:
    """The months a value names ("June 17" -> {"jun"}), so that two dates with one day number differ."""
    return {m.group(1) for m in _MONTH.finditer(norm(text)) if m.group(0) in _MONTH_WORDS}


def same_side(a: str, b: str) -> bool:
    """Two listed values that say the same thing ("8" and "eight", "sub-orbital" and "suborbital"):
    outlets on one side of a conflict, whose pair is no conflict.  Dates must name the same month too
    ("June 17" and "July 17" are two sides)."""
    numbers_a, numbers_b = numbers_in(norm(a)), numbers_in(norm(b))
    if numbers_a or numbers_b:
        return numbers_a == numbers_b and months_in(a) == months_in(b)
    return re.sub(r"[^a-z]", "", norm(a)) == re.sub(r"[^a-z]", "", norm(b))


def conflict_found(conflict: dict[str, Any], findings: list[Finding]) -> Finding | None:
    listed = conflict["values"]
    for f in findings:
        if f.event != conflict["event"]:
            continue
        outlets = [o for o in f.values if o in listed]
        for i, a in enumerate(outlets):
            for b in outlets[i + 1:]:
                if same_side(listed[a], listed[b]):
                    continue
                if value_matches(f.values[a], listed[a]) and value_matches(f.values[b], listed[b]):
                    return f
    return None


def sample_warnings(warnings: list[Finding], size: int, seed: int) -> list[Finding]:
    if len(warnings) <= size:
        return warnings
    ordered = sorted(warnings, key=lambda f: f.key)
    return sorted(random.Random(seed).sample(ordered, size), key=lambda f: f.key)


@dataclass
class Score:
    errors: int = 0
    errors_true: int = 0
    errors_unjudged: int = 0
    warnings: int = 0
    warnings_sampled: int = 0
    warnings_true: int = 0
    warnings_unjudged: int = 0
    conflicts: int = 0
    conflicts_found: int = 0
    unjudged: list[Finding] = field(default_factory=list)
    missed: list[dict[str, Any]] = field(default_factory=list)
    false: list[tuple[Finding, str]] = field(default_factory=list)

    @property
    def error_precision(self) -> float | None:
        judged = self.errors - self.errors_unjudged
        return self.errors_true / judged if judged else None

    @property
    def warning_precision(self) -> float | None:
        judged = self.warnings_sampled - self.warnings_unjudged
        return self.warnings_true / judged if judged else None

    @property
    def recall(self) -> float | None:
        return self.conflicts_found / self.conflicts if self.conflicts else None


def score(findings: list[Finding], judgements: dict[str, dict[str, Any]], conflicts: list[dict[str, Any]],
          *, warning_sample: int = 40, seed: int = 10) -> Score:
    s = Score()
    errors = [f for f in findings if f.severity == "error"]
    warnings = [f for f in findings if f.severity == "warning"]
    s.errors, s.warnings = len(errors), len(warnings)
    sampled = sample_warnings(warnings, warning_sample, seed)
    s.warnings_sampled = len(sampled)
    for f in [*errors, *sampled]:
        verdict = judgements.get(f.key)
        if verdict is None:
            s.unjudged.append(f)
            if f.severity == "error":
                s.errors_unjudged += 1
            else:
                s.warnings_unjudged += 1
        elif verdict["verdict"]:
            if f.severity == "error":
                s.errors_true += 1
            else:
                s.warnings_true += 1
        else:
            s.false.append((f, verdict.get("reason", "")))
    s.conflicts = len(conflicts)
    for conflict in conflicts:
        if conflict_found(conflict, findings):
            s.conflicts_found += 1
        else:
            s.missed.append(conflict)
    return s


# --------------------------------------------------------------------------- output


def fmt(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.2f}"


def print_table(rows: list[tuple[str, str, Score]]) -> None:
    print(f"{'corpus':16} {'compare':8} {'errors':>6} {'err.prec':>8} {'warnings':>8} {'sampled':>7} "
          f"{'warn.prec':>9} {'recall':>12} {'unjudged':>8}")
    for corpus, who, s in rows:
        recall = f"{fmt(s.recall)} ({s.conflicts_found}/{s.conflicts})" if s.conflicts else "n/a"
        print(f"{corpus:16} {who:8} {s.errors:6d} {fmt(s.error_precision):>8} {s.warnings:8d} "
              f"{s.warnings_sampled:7d} {fmt(s.warning_precision):>9} {recall:>12} {len(s.unjudged):8d}")


def describe(f: Finding) -> str:
    lines = [f"  [{f.severity}] {f.type}  key: {f.key}", f"    {f.summary}"]
    for path, index, start, end, text in f.sentences:
        lines.append(f"    {path} s{index} [{start}:{end}] {text[:300]}")
    return "\n".join(lines)


@dataclass
class JudgedSet:
    """One judged collection: benchmarks/data/<name>/ (accounts, conflicts, judgements) and its private corpus."""

    name: str
    corpus: Path
    accounts: list[dict[str, Any]]
    conflicts: list[dict[str, Any]]
    judgements: dict[str, dict[str, Any]]

    @property
    def events(self) -> list[str]:
        return sorted({a["file"].split("/")[0] for a in self.accounts})

    def halves(self) -> dict[str, set[str]]:
        """Event names by half ('dev2', 'heldout'), when the accounts name one; else {}."""
        out: dict[str, set[str]] = {}
        for a in self.accounts:
            if a.get("half"):
                out.setdefault(a["half"], set()).add(a["file"].split("/")[0])
        return out


def load_set(spec: str, corpus: Path | None = None, extra_conflicts: Iterable[Path] = (),
             extra_judgements: Iterable[Path] = ()) -> JudgedSet:
    """``NAME`` or ``NAME=CORPUS``: the committed data of benchmarks/data/NAME and where its corpus is."""
    name, _, where = spec.partition("=")
    data = DATA_ROOT / name
    if not (data / "accounts.json").is_file():
        raise SystemExit(f"no judged set {name!r}: {data}/accounts.json missing")
    conflicts = load_json("conflicts.json", data)
    events = {a["file"].split("/")[0] for a in load_json("accounts.json", data)}
    for path in extra_conflicts:  # a list kept private until it is measured (a held-out half)
        conflicts += [c for c in json.loads(path.read_text(encoding="utf-8")) if c["event"] in events]
    judgements = {j["key"]: j for j in load_json("judgements.json", data)}
    for path in extra_judgements:
        judgements.update((j["key"], j) for j in json.loads(path.read_text(encoding="utf-8")))
    return JudgedSet(name, Path(where) if where else (corpus or default_corpus(name)),
                     load_json("accounts.json", data), conflicts, judgements)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--judged-set", action="append", metavar="NAME[=CORPUS]",
                        help="a judged set under benchmarks/data/ (repeatable; default: judged)")
    parser.add_argument("--corpus", type=Path, help="the first judged set's corpus (private)")
    parser.add_argument("--rebuild-from", type=Path, help="page texts DIR/<event>/<file>.txt: rebuild the first set's corpus")
    parser.add_argument("--validate", action="store_true", help="only check each set's corpus against its sha256 list")
    parser.add_argument("--conflicts-also", type=Path, action="append", default=[], metavar="JSON",
                        help="more listed conflicts (e.g. a held-out half's, kept private until measured)")
    parser.add_argument("--judgements-also", type=Path, action="append", default=[], metavar="JSON",
                        help="more judgements (likewise)")
    parser.add_argument("--ecbplus", type=Path, default=DEFAULT_ECBPLUS)
    parser.add_argument("--ecbplus-topics", type=int, nargs="*", default=list(DEV_TOPICS))
    parser.add_argument("--compare-python", help="another compare install's interpreter (e.g. release-prev)")
    parser.add_argument("--also", action="append", default=[], metavar="LABEL=PYTHON",
                        help="score one more compare install too (e.g. a work-in-progress branch's venv)")
    parser.add_argument("--warning-sample", type=int, default=40)
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--show", choices=["unjudged", "false", "missed", "all", "none"], default="unjudged")
    args = parser.parse_args(argv)

    if args.judged_set:
        specs = args.judged_set
    elif args.validate:  # every committed set
        specs = sorted(d.name for d in DATA_ROOT.iterdir() if (d / "accounts.json").is_file())
    else:
        specs = ["judged"]
    sets = [load_set(spec, args.corpus if i == 0 else None, args.conflicts_also, args.judgements_also)
            for i, spec in enumerate(specs)]
    if args.rebuild_from:
        first = sets[0]
        problems = rebuild_corpus(args.rebuild_from, first.corpus, first.accounts, first.name)
        print(f"rebuilt {len(first.accounts) - len(problems)}/{len(first.accounts)} accounts into {first.corpus}")
        for p in problems:
            print("  " + p)
        if problems:
            return 1
    bad = False
    for js in sets:
        problems = validate_corpus(js.corpus, js.accounts)
        if problems:
            bad = True
            print(f"{js.name}: {js.corpus}: {len(problems)} problem(s)")
            for p in problems:
                print("  " + p)
        elif args.validate:
            print(f"{js.name}: {js.corpus}: {len(js.accounts)} accounts, all sha256 match")
    if bad:
        return 1
    if args.validate:
        return 0

    for js in sets:
        halves = js.halves()
        split = "; halves: " + ", ".join(f"{h} {len(ev)} events" for h, ev in sorted(halves.items())) if halves else ""
        print(f"{js.name}: {len(js.events)} events, {len(js.accounts)} accounts, "
              f"{len({a['outlet'] for a in js.accounts})} outlets, {len(js.conflicts)} listed conflicts{split}")
    rows: list[tuple[str, str, Score]] = []
    with tempfile.TemporaryDirectory(prefix="findings-ecb-") as tmp:
        ecb = Path(tmp) / "ecbplus"
        corpora: list[tuple[str, Path, list[dict[str, Any]], dict[str, dict[str, Any]], dict[str, set[str]]]] = [
            (js.name, js.corpus, js.conflicts, js.judgements, js.halves()) for js in sets]
        if args.ecbplus.is_file() and args.ecbplus_topics:
            n = write_ecbplus_corpus(args.ecbplus, args.ecbplus_topics, ecb)
            print(f"ECB+: topics {' '.join(map(str, args.ecbplus_topics))}: {n} documents")
            ecb_judgements = {j["key"]: j for j in load_json("judgements.json", DATA)}  # kept with the first set's
            corpora.append(("ecb+", ecb, [], ecb_judgements, {}))
        elif args.ecbplus_topics:
            print(f"ECB+: {args.ecbplus} not found; scoring the judged sets only")
        runners = [("current", run_here)]
        if args.compare_python:
            runners.insert(0, ("previous", lambda c: run_with(args.compare_python, c)))
        for extra in args.also:
            label, _, python = extra.partition("=")
            runners.append((label, lambda c, python=python: run_with(python, c)))
        for name, corpus, listed, judgements, halves in corpora:
            for who, runner in runners:
                found = collect_findings(runner(corpus))
                parts = [(name, None)] + [(f"{name}:{h}", ev) for h, ev in sorted(halves.items())]
                for label, events in parts:
                    mine = [f for f in found if events is None or f.event in events]
                    theirs = [c for c in listed if events is None or c["event"] in events]
                    rows.append((label, who, score(mine, judgements, theirs,
                                                   warning_sample=args.warning_sample, seed=args.seed)))
        shutil.rmtree(ecb, ignore_errors=True)
    print()
    print_table(rows)
    print("\nfalse alarms by type (judged errors + sampled warnings):")
    for corpus, who, s in rows:
        by_type = Counter(f"{f.severity} {f.type}" for f, _ in s.false)
        print(f"  {corpus:16} {who:10} " + (", ".join(f"{k} {n}" for k, n in sorted(by_type.items())) or "none"))
    # details once per corpus (a set's halves repeat its findings)
    shown = [(c, who, s) for c, who, s in rows if who != "previous" and ":" not in c]
    if args.show in ("unjudged", "all"):
        todo = {f.key: f for c, _, s in rows if ":" not in c for f in s.unjudged}
        if todo:
            print(f"\nunjudged findings ({len(todo)}):")
            for f in todo.values():
                print(describe(f))
    if args.show in ("false", "all"):
        for corpus, who, s in shown:
            print(f"\nfalse alarms, {who}, {corpus} ({len(s.false)}):")
            for f, reason in s.false:
                print(describe(f) + f"\n    why false: {reason}")
    if args.show in ("missed", "all"):
        for corpus, who, s in shown:
            if s.missed:
                print(f"\nmissed listed conflicts, {who}, {corpus} ({len(s.missed)}):")
                for c in s.missed:
                    print(f"  {c['id']}: {c['slot']}: {c['values']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
