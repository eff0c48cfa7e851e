"""What each HTML page shows, computed from the report.json dict.

The templates only lay out what these functions return: plain dicts and lists
of strings, numbers and diff segments.  No value here is HTML; the templates
escape everything (Jinja2 autoescape), so source text can never become markup.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any
from urllib.parse import urlsplit

from compare.htmlreport.worddiff import Segment, similarity, word_diff
from compare.safetext import display
from compare.textnorm import words

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
TYPE_LABELS = {
    "quote_wording": "quote wording",
    "number": "number",
    "date": "date",
    "entity": "name",
    "attribution": "attribution",
    "framing": "framing",
    "omission": "omission",
}
EXCERPT_CHARS = 110
_PRONOUNS = frozenset("he she they him her them it i we you".split())
_DESCRIPTION = re.compile(r"^\s*(?:the|a|an|this|that|his|her|its|their|our|one)\b", re.IGNORECASE)
# Below this share of common characters a word diff is only noise: show the text as it is.
MIN_DIFF_SIMILARITY = 0.25
# Passages longer than this on both sides are shown without a word diff (a diff of two
# long passages costs time and reads as noise; sentences are far shorter).
MAX_DIFF_CHARS = 3000

Data = dict[str, Any]
REAL_SENTENCE_WORDS = 4  # a title stand-in shorter than this is a stub ("Moscow.", "Photo: Reuters")


# --------------------------------------------------------------------------- small helpers


def http_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) address, else None (shown as text, never linked)."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if (parts.scheme.lower() in ("http", "https") and parts.netloc and not re.search(r"[\s<>\"']", url)
            and display(url) == url):  # a control or bidi override: shown as text, marked, never linked
        return url
    return None


def page_name(event_id: str) -> str:
    """File name of an event's page: the id, with anything unusual replaced."""
    safe = re.sub(r"[^A-Za-z0-9_-]", "_", event_id)[:80] or "event"
    return f"{safe}.html"


def page_names(events: list[Data]) -> dict[str, str]:
    """Event id -> page file name, unique even where two ids clean up to the same name
    (compared case-insensitively, for file systems that ignore case)."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for event in events:
        name = page_name(event["id"])
        stem, n = name[: -len(".html")], 1
        while name.lower() in taken:
            n += 1
            name = f"{stem}-{n}.html"
        taken.add(name.lower())
        names[event["id"]] = name
    return names


def anchor(prefix: str, ident: str) -> str:
    return f"{prefix}-{re.sub(r'[^A-Za-z0-9_-]', '_', ident)}"


def account_label(n: int) -> str:
    """A, B, ..., Z, AA, AB ... for the n-th (0-based) account of an event."""
    label = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        label = chr(65 + rem) + label
    return label


_HASH_LIKE = re.compile(r"[0-9a-f]{8,}|^[\W\d_]+$", re.IGNORECASE)


def account_name(outlet: str | None, path: str, url: str | None, label: str) -> str:
    """What an account is called on the page: its outlet, else its URL's domain, else its file
    name when that reads as a name ("news-players"), else "account B" (never a hash-like name
    such as "000_4c3000b3cf1095f3")."""
    from compare.ingest import url_domain

    if outlet:
        return outlet
    domain = url_domain(url)
    if domain:
        return domain
    stem = path.split(":", 1)[0].rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if stem and not _HASH_LIKE.search(stem) and len(stem) <= 40:
        return stem
    return f"account {label}"


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _scalar(value: Any) -> str:
    return "null" if value is None else str(value)


def _flatten(value: Any, prefix: str = "") -> list[tuple[str, str]]:
    """Nested details as ('a.b', 'value') lines for display.

    Lists of plain values read "x, y"; lists of short lists (diff operations, pairs)
    read "x y; z w"; anything deeper is numbered.
    """
    if isinstance(value, dict):
        out: list[tuple[str, str]] = []
        for k, v in value.items():
            out.extend(_flatten(v, f"{prefix}.{k}" if prefix else str(k)))
        return out
    if isinstance(value, list):
        if not value:
            return [(prefix, "none")]
        if all(not isinstance(v, dict | list) for v in value):
            return [(prefix, ", ".join(_scalar(v) for v in value))]
        if all(isinstance(v, list) and all(not isinstance(x, dict | list) for x in v) for v in value):
            return [(prefix, "; ".join(" ".join(_scalar(x) for x in v) for v in value))]
        out = []
        for i, v in enumerate(value):
            out.extend(_flatten(v, f"{prefix}[{i}]"))
        return out
    return [(prefix, _scalar(value))]


class ReportIndex:
    """Look-ups over one report dict: stories, documents, sentences by reference."""

    def __init__(self, data: Data):
        self.data = data
        self.story: dict[str, Data] = {}
        self.doc_of: dict[str, Data] = {}
        self.sentence: dict[tuple[str, int], Data] = {}
        for doc in data["documents"]:
            for story in doc["stories"]:
                self.story[story["id"]] = story
                self.doc_of[story["id"]] = doc
                for s in story["sentences"]:
                    self.sentence[(story["id"], s["index"])] = s

    def outlet(self, story_id: str) -> str | None:
        return self.story[story_id].get("outlet") or self.doc_of[story_id].get("outlet")

    def story_title(self, story_id: str) -> str:
        story = self.story[story_id]
        if story.get("title"):
            return story["title"]
        # no headline: the first real sentence (a body sentence of a few words, not a caption stub)
        texts = [s["text"] for s in story["sentences"]]
        real = [t for t in texts if len(t.split()) >= REAL_SENTENCE_WORDS]
        return excerpt((real or texts or [story_id])[0], 90)

    def story_date(self, story_id: str) -> str | None:
        return self.story[story_id].get("date") or self.doc_of[story_id].get("date")

    def text_of(self, story_id: str, indexes: list[int]) -> str:
        return " ".join(self.sentence[(story_id, i)]["text"] for i in sorted(indexes))


def event_title(event: Data, ix: ReportIndex) -> str:
    return event.get("title") or ix.story_title(event["stories"][0])


def event_date(event: Data, ix: ReportIndex) -> str | None:
    if event.get("date"):
        return event["date"]
    dates = sorted(d for d in (ix.story_date(s) for s in event["stories"]) if d)
    return dates[0] if dates else None


def _severity_counts(discrepancies: list[Data]) -> dict[str, int]:
    counts = Counter(d["severity"] for d in discrepancies)
    return {sev: counts.get(sev, 0) for sev in SEVERITIES}


def _severity_score(counts: dict[str, int]) -> int:
    """One number that orders events by their errors, then warnings, then info (as the page sorts)."""
    return counts["error"] * 1_000_000 + counts["warning"] * 1_000 + counts["info"]


def _type_summary(discrepancies: list[Data]) -> list[Data]:
    """Per type: count and the worst severity, worst first."""
    by_type: dict[str, list[Data]] = defaultdict(list)
    for d in discrepancies:
        by_type[d["type"]].append(d)
    rows = []
    for typ, items in by_type.items():
        worst = max(items, key=lambda d: SEVERITY_RANK[d["severity"]])["severity"]
        rows.append({"type": typ, "label": TYPE_LABELS.get(typ, typ), "count": len(items), "severity": worst})
    rows.sort(key=lambda r: (-SEVERITY_RANK[r["severity"]], _kind_index(r["type"]), -r["count"], r["type"]))
    return rows


# --------------------------------------------------------------------------- index page


def index_view(data: Data) -> Data:
    """Everything index.html shows."""
    ix = ReportIndex(data)
    pages = page_names(data["events"])
    multi = [_event_row(e, ix, pages[e["id"]]) for e in data["events"] if len(e["stories"]) > 1]
    # worst first: conflicts of fact (numbers, dates, speakers) before other errors, then by severity
    multi.sort(key=lambda e: (-e["fact_errors"], -e["severity_score"], e["date"] or "9999", e["id"]))
    single = [_single_row(e, ix, pages[e["id"]]) for e in data["events"] if len(e["stories"]) == 1]
    present_types = sorted({t["type"] for e in multi for t in e["types"]})
    return {
        "corpus": data["corpus"],
        "stats": data["stats"],
        "multi": multi,
        "single": single,
        "documents": [_document_row(doc) for doc in data["documents"]],
        "errors": data["errors"],
        "type_options": [{"value": t, "label": TYPE_LABELS.get(t, t)} for t in present_types],
    }


def _event_row(event: Data, ix: ReportIndex, page: str) -> Data:
    """An event told by several accounts, as a row of the index's events table."""
    title = event_title(event, ix)
    accounts = [
        {"outlet": ix.outlet(sid), "title": ix.story_title(sid), "date": ix.story_date(sid)}
        for sid in event["stories"]
    ]
    severity = _severity_counts(event["discrepancies"])
    types = _type_summary(event["discrepancies"])
    paths = [ix.doc_of[sid]["path"] for sid in event["stories"]]
    searchable = [title, *(a["outlet"] or "" for a in accounts), *(a["title"] for a in accounts), *paths]
    return {
        "id": event["id"],
        "href": f"events/{page}",
        "title": title,
        "date": event_date(event, ix),
        "accounts": accounts,
        "claims_shared": sum(1 for c in event["claims"] if len({r["story"] for r in c["sentences"]}) > 1),
        "claims_total": len(event["claims"]),
        "severity": severity,
        "severity_score": _severity_score(severity),
        "fact_errors": sum(1 for d in event["discrepancies"] if d["severity"] == "error" and finding_rank(d)[1] < 3),
        "types": types,
        "type_keys": " ".join(t["type"] for t in types),
        "search": " ".join(filter(None, searchable)).lower(),
    }


def _single_row(event: Data, ix: ReportIndex, page: str) -> Data:
    """A single-account event, as a row of the index's single stories table."""
    sid = event["stories"][0]
    return {
        "id": event["id"],
        "href": f"events/{page}",
        "title": event_title(event, ix),
        "date": event_date(event, ix),
        "outlet": ix.outlet(sid),
        "kind": ix.story[sid]["kind"],
        "path": ix.doc_of[sid]["path"],
        "sentences": len(ix.story[sid]["sentences"]),
        "search": " ".join(filter(None, [event_title(event, ix), ix.outlet(sid), ix.doc_of[sid]["path"]])).lower(),
    }


def _document_row(doc: Data) -> Data:
    return {
        "path": doc["path"], "outlet": doc.get("outlet"), "derived_from": doc.get("derived_from"),
        "date": doc.get("date"), "url": http_url(doc.get("url")), "url_text": doc.get("url"),
        "stories": len(doc["stories"]), "warnings": doc.get("warnings", []), "dropped": doc.get("dropped", []),
    }


# --------------------------------------------------------------------------- event page


def event_view(event: Data, data: Data, ix: ReportIndex | None = None) -> Data:
    """Everything one event page shows."""
    ix = ix or ReportIndex(data)
    accounts = _accounts(event, ix)
    label_of = {a["story"]: a["label"] for a in accounts}
    claim_anchor = {c["id"]: anchor("claim", c["id"]) for c in event["claims"]}
    discrepancies = _discrepancies(event, ix, label_of, claim_anchor)
    badges_by_claim: dict[str, list[Data]] = defaultdict(list)
    for d in discrepancies:
        if d["claim"] is not None:
            badges_by_claim[d["claim"]].append(d)
    claims = [_claim(c, ix, accounts, claim_anchor, badges_by_claim.get(c["id"], [])) for c in event["claims"]]
    shared = [c for c in claims if c["shared"]]
    return {
        "id": event["id"],
        "title": event_title(event, ix),
        "date": event_date(event, ix),
        "corpus": data["corpus"],
        "accounts": accounts,
        "multi": len(accounts) > 1,
        "links": [_link(k, label_of) for k in event.get("links", [])],
        "families": _families(event, label_of, ix),
        "claims": claims,
        "shared": shared,
        "matrix": _matrix(claims, accounts),
        "unique": _unique(claims, accounts),
        "quotes": _quotes(event, ix, accounts),
        "discrepancies": discrepancies,
        "severity": _severity_counts(event["discrepancies"]),
        "types": _type_summary(event["discrepancies"]),
        "claims_total": len(claims),
    }


def _lang(code: str | None) -> str | None:
    """A BCP 47-looking language code for the ``lang`` attribute, or None."""
    return code if code and re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", code) else None


def _sentences(n: int) -> str:
    return f"{n} sentence{'s' if n != 1 else ''}"


def describe_edit(edit: Data) -> str:
    """One reprint edit in words ("cut the lede (1 sentence)", "changed a figure: 12 → 15" ...)."""
    kind = edit["kind"]
    cut = len(edit.get("representative_sentences", []))
    added = len(edit.get("sentences", []))
    if kind == "lede_cut":
        return f"cut the lede ({_sentences(cut)})"
    if kind == "tail_trimmed":
        return f"trimmed the end ({_sentences(cut)})"
    if kind == "sentences_cut":
        return f"left out {_sentences(cut)}"
    if kind == "paragraph_added":
        return f"added {_sentences(added)} of its own"
    if kind == "number_changed":
        return f"changed a figure: {edit.get('from')} → {edit.get('to')}"
    if kind == "words_changed":
        return "reworded a sentence"
    if kind == "headline_changed":
        return f"changed the headline to “{edit.get('to')}”"
    return kind.replace("_", " ")


def _families(event: Data, label_of: dict[str, str], ix: ReportIndex) -> list[Data]:
    """Reprint families: who carried the same text, and what each copy changed."""
    def who(sid: str) -> str:
        outlet = ix.outlet(sid)
        return f"{label_of.get(sid, sid)}{f' ({outlet})' if outlet else ''}"

    return [
        {
            "representative": who(f["representative"]),
            "size": len(f["stories"]),
            "members": [
                {"who": who(m["story"]), "similarity": f"{m['similarity']:.2f}",
                 "edits": [describe_edit(e) for e in m["edits"]] or ["carried the text unchanged"]}
                for m in f["members"]
            ],
        }
        for f in event.get("families", [])
    ]


def links_view(event: Data, ix: ReportIndex) -> list[Data]:
    """The event's links as its page shows them (``event_view``'s "links")."""
    label_of = {a["story"]: a["label"] for a in _accounts(event, ix)}
    return [_link(k, label_of) for k in event.get("links", [])]


def _link(link: Data, label_of: dict[str, str]) -> Data:
    """Why two accounts were grouped: relation, score and the plain-valued evidence."""
    evidence = ", ".join(
        f"{name.replace('_', ' ')} {_scalar(value)}"
        for name, value in (link.get("evidence") or {}).items()
        if value is not None and not isinstance(value, dict | list)
    )
    return {
        "a": label_of.get(link["a"], link["a"]),
        "b": label_of.get(link["b"], link["b"]),
        "relation": link["relation"].replace("_", " "),
        "score": f"{link['score']:.2f}",
        "evidence": evidence,
    }


def _accounts(event: Data, ix: ReportIndex) -> list[Data]:
    accounts = []
    for n, sid in enumerate(event["stories"]):
        story, doc = ix.story[sid], ix.doc_of[sid]
        accounts.append(
            {
                "label": account_label(n),
                "story": sid,
                "anchor": anchor("account", account_label(n)),
                "outlet": ix.outlet(sid),
                "short_name": account_name(ix.outlet(sid), doc["path"], doc.get("url"), account_label(n)),
                "lang": _lang(story.get("language") or doc.get("language")),
                "language": story.get("language") or doc.get("language"),
                "title": story.get("title"),
                "display_title": ix.story_title(sid),
                "date": ix.story_date(sid),
                "kind": story["kind"],
                "path": doc["path"],
                "url": http_url(doc.get("url")),
                "url_text": doc.get("url"),
                "derived_from": doc.get("derived_from"),
                "sentences": [{"index": s["index"], "text": s["text"], "role": s["role"]} for s in story["sentences"]],
            }
        )
    return accounts


def _claim(
    claim: Data, ix: ReportIndex, accounts: list[Data], claim_anchor: dict[str, str], disc: list[Data]
) -> Data:
    by_story: dict[str, list[int]] = defaultdict(list)
    for ref in claim["sentences"]:
        by_story[ref["story"]].append(ref["index"])
    present = [a for a in accounts if a["story"] in by_story]
    reference = ix.text_of(present[0]["story"], by_story[present[0]["story"]])
    rows = []
    for n, acct in enumerate(present):
        text = ix.text_of(acct["story"], by_story[acct["story"]])
        # another language than the reference: shown beside it as it is, a word diff would say nothing
        other_language = bool(n and acct["language"] and present[0]["language"] and acct["language"] != present[0]["language"])
        segments, reworded = ([Segment("same", text)], False) if other_language else _diff_or_plain(reference, text, n == 0)
        rows.append(
            {
                "label": acct["label"], "outlet": acct["short_name"], "anchor": acct["anchor"], "lang": acct["lang"],
                "indexes": sorted(by_story[acct["story"]]),
                "segments": segments, "reference": n == 0, "reworded": reworded,
                "other_language": acct["language"] if other_language else None,
                "changed": reworded or other_language or any(s.op != "same" for s in segments),
            }
        )
    badges = []
    seen = set()
    for d in disc:
        key = ("conflict" if d["severity"] == "error" else d["type"], d["severity"])
        if key in seen:
            continue
        seen.add(key)
        label = "conflict" if d["severity"] == "error" else d["type_label"]
        badges.append({"label": label, "severity": d["severity"], "type": d["type"], "href": f"#{d['anchor']}"})
    return {
        "id": claim["id"],
        "anchor": claim_anchor[claim["id"]],
        "shared": len(present) > 1,
        "excerpt": excerpt(reference),
        "rows": rows,
        "present": {a["label"]: sorted(by_story[a["story"]]) for a in present},
        "missing": [{"label": a["label"], "outlet": a["short_name"]} for a in accounts if a["story"] not in by_story],
        "badges": badges,
        "stories": [a["story"] for a in present],
        "reference_text": reference,
    }


def _diff_or_plain(reference: str, text: str, is_reference: bool) -> tuple[list[Segment], bool]:
    """Word diff of ``text`` against ``reference``; plain text when they share too little."""
    if is_reference:
        return [Segment("same", text)], False
    if min(len(reference), len(text)) > MAX_DIFF_CHARS:  # unbounded diffs (Diff_Timeout 0) of long texts are slow
        return [Segment("same", text)], True
    segments = word_diff(reference, text)
    if similarity(segments) < MIN_DIFF_SIMILARITY:
        return [Segment("same", text)], True
    return segments, False


def _matrix(claims: list[Data], accounts: list[Data]) -> list[Data]:
    """Claims x accounts: the sentence indexes each account gives the claim, or None."""
    return [
        {
            "id": c["id"], "anchor": c["anchor"], "excerpt": c["excerpt"], "shared": c["shared"],
            "count": len(c["present"]), "badges": c["badges"],
            "cells": [{"label": a["label"], "outlet": a["outlet"], "indexes": c["present"].get(a["label"])}
                      for a in accounts],
        }
        for c in claims
    ]


def _unique(claims: list[Data], accounts: list[Data]) -> list[Data]:
    """Per account: the claims no other account carries."""
    out = []
    for acct in accounts:
        items = [
            {"id": c["id"], "anchor": c["anchor"], "text": c["reference_text"], "indexes": c["present"][acct["label"]]}
            for c in claims
            if c["stories"] == [acct["story"]]
        ]
        out.append({"label": acct["label"], "outlet": acct["short_name"], "anchor": acct["anchor"], "claims": items})
    return out


def _quotes(event: Data, ix: ReportIndex, accounts: list[Data]) -> list[Data]:
    """Quotation rows, one column per account.

    Quotations whose sentences fall in a common claim share a row (transitively: a long
    quotation in one account can gather two shorter ones of another), in order of first
    appearance.
    """
    claim_of = {(r["story"], r["index"]): c["id"] for c in event["claims"] for r in c["sentences"]}
    quotes: list[tuple[Data, Data, list[str]]] = []  # (account, quote, the claims it falls in)
    for acct in accounts:
        for quote in ix.story[acct["story"]].get("quotes", []):
            keys = [(acct["story"], i) for i in quote["sentences"]]
            quotes.append((acct, quote, sorted({claim_of[k] for k in keys if k in claim_of})))
    return [_quote_row([quotes[n] for n in group], accounts)
            for group in _connected([q[2] for q in quotes])]


def _connected(keys: list[list[str]]) -> list[list[int]]:
    """Indexes of ``keys`` grouped by shared keys (union-find), groups in order of first member."""
    parent = list(range(len(keys)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with: dict[str, int] = {}
    for n, row in enumerate(keys):
        for key in row:
            if key in first_with:
                a, b = root(first_with[key]), root(n)
                parent[max(a, b)] = min(a, b)
            else:
                first_with[key] = n
    groups: dict[int, list[int]] = defaultdict(list)
    for n in range(len(keys)):
        groups[root(n)].append(n)
    return list(groups.values())


def _quote_row(members: list[tuple[Data, Data, list[str]]], accounts: list[Data]) -> Data:
    by_label: dict[str, list[str]] = defaultdict(list)
    names: dict[str, list[str]] = {}  # speaker -> "A said", "B added" ...
    claims: list[str] = []
    for acct, quote, quote_claims in members:
        by_label[acct["label"]].append(quote["text"])
        if quote.get("speaker"):
            use = " ".join(filter(None, [acct["label"], quote.get("verb")]))
            uses = names.setdefault(quote["speaker"], [])
            if use not in uses:
                uses.append(use)
        claims.extend(c for c in quote_claims if c not in claims)
    cells, reference = [], None
    for acct in accounts:
        texts = by_label.get(acct["label"])
        if not texts:
            cells.append({"label": acct["label"], "segments": None})
            continue
        text = " \u2026 ".join(texts)
        segments, _ = _diff_or_plain(reference or text, text, reference is None)
        reference = reference or text
        cells.append({"label": acct["label"], "segments": segments})
    return {
        "claims": [{"id": c, "anchor": anchor("claim", c)} for c in claims],
        "speakers": [{"name": name, "uses": ", ".join(uses)} for name, uses in names.items()],
        "speaker_conflict": not _same_person(list(names)),
        "cells": cells,
        "accounts": sum(1 for c in cells if c["segments"] is not None),
    }


def _same_person(names: list[str]) -> bool:
    """True when every name could be the same person ("Zas", "Stanislav Zas", "CSTO chief Zas").

    Two names agree when the words of one are all in the other, ignoring case;
    pronouns and descriptions ("the Secretary General", "a spokesman") are not names
    and never count as a different person.
    """
    keys = [{w.lower() for w in words(n)} - _PRONOUNS for n in names if not _DESCRIPTION.match(n)]
    keys = [k for k in keys if k]
    return all(a <= b or b <= a for i, a in enumerate(keys) for b in keys[i + 1 :])


def _diff_ops(value: Any) -> list[Segment] | None:
    """A finder's diff, given as [[op, text], ...] with op -1/0/1 (diff-match-patch's
    convention), as display segments; None when the value has another shape."""
    if not isinstance(value, list) or not value:
        return None
    ops = {-1: "del", 0: "same", 1: "ins"}
    segments = []
    for item in value:
        if not (isinstance(item, list) and len(item) == 2 and item[0] in ops and isinstance(item[1], str)):
            return None
        segments.append(Segment(ops[item[0]], item[1]))  # type: ignore[arg-type]
    return segments


def _readable(segments: list[Segment] | None) -> list[Segment] | None:
    """The diff when it keeps enough in common to be worth reading, else None."""
    return segments if segments and similarity(segments) >= MIN_DIFF_SIMILARITY else None


# What a reader should see first, after severity: facts (numbers, dates, speakers) before wording.
KIND_ORDER = ("number", "date", "attribution", "entity", "quote_wording", "framing", "omission")


def _kind_index(kind: str) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


def finding_rank(d: Data) -> tuple[int, int, int]:
    """Sort key: severity first, then the kind of fact, then a speaker named (not a reporting verb)."""
    kind = d["type"]
    details = d.get("details") or {}
    minor = int(kind == "attribution" and details.get("kind") != "speaker")
    return (-SEVERITY_RANK[d["severity"]], KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER), minor)


def _discrepancies(
    event: Data, ix: ReportIndex, label_of: dict[str, str], claim_anchor: dict[str, str]
) -> list[Data]:
    """Discrepancies worst first (stable within a severity), numbered for navigation."""
    ordered = sorted(event["discrepancies"], key=finding_rank)
    out = []
    for n, d in enumerate(ordered, 1):
        details = d.get("details") or {}
        sentences = []
        for ref in d["sentences"]:
            s = ix.sentence.get((ref["story"], ref["index"]))
            sentences.append(
                {
                    "label": label_of.get(ref["story"], "?"),
                    "outlet": ix.outlet(ref["story"]) if ref["story"] in ix.story else None,
                    "index": ref["index"],
                    "text": s["text"] if s else "",
                }
            )
        out.append(
            {
                "n": n,
                "anchor": f"d{n}",
                "type": d["type"],
                "type_label": TYPE_LABELS.get(d["type"], d["type"]),
                "severity": d["severity"],
                "summary": d["summary"],
                "grade_reason": details.get("grade_reason"),
                "claim": d["claim"],
                "claim_anchor": claim_anchor.get(d["claim"]) if d["claim"] else None,
                "sentences": sentences,
                "diff": _readable(_diff_ops(details.get("diff"))),
                "details": _flatten({k: v for k, v in details.items() if k != "diff" or not _diff_ops(v)}),
                "prev": f"d{n - 1}" if n > 1 else None,
                "next": f"d{n + 1}" if n < len(ordered) else None,
            }
        )
    return out
