"""A hand-made Report that uses every field of report.json (for the report and HTML tests).

Three accounts of one invented event (a wire story, a rewrite, a reprint), a listing
page with two items, one single-account story, quotations with speakers, every
discrepancy type, dropped lines, warnings, links and an unreadable file.  Some text is
hostile on purpose (markup, event handlers, a ``javascript:`` address): the HTML must
show it as text and run none of it.
"""

from __future__ import annotations

from compare.model import (
    Claim,
    Discrepancy,
    Document,
    DroppedLine,
    Event,
    InputError,
    Quote,
    Report,
    Sentence,
    SentenceLink,
    SentenceRef,
    Story,
    StoryLink,
)

HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'


def _story(doc: str, n: int, texts: list[str], *, title: bool, kind: str = "article", date: str | None = None,
           offset: int = 0) -> tuple[Story, str]:
    """A story whose sentences tile a text starting at ``offset``; returns (story, text)."""
    sid = f"{doc}#{n}"
    story = Story(id=sid, document=doc, kind=kind, title=texts[0] if title else None, date=date)  # type: ignore[arg-type]
    parts, pos = [], offset
    for i, t in enumerate(texts):
        story.sentences.append(Sentence(i, t, pos, pos + len(t), "title" if title and i == 0 else "body"))
        parts.append(t)
        pos += len(t) + 1
    return story, " ".join(parts)


def build_sample_report() -> Report:
    wire, wire_text = _story("a/wire.html", 0, [
        "Minister says 40 people were rescued after the dam failure",
        "Forty people were rescued on Tuesday after the Kesta dam failed, Interior Minister Lena Dahl said.",
        '"The water rose within minutes," Dahl said at a briefing in Orvik.',
        "Officials said about 300 homes were damaged.",
        f"Residents posted videos tagged {HOSTILE}.",
    ], title=True, date="2024-03-06")
    wire.quotes.append(Quote("The water rose within minutes,", 0, 30, [2], speaker="Lena Dahl", verb="said"))
    rewrite, rewrite_text = _story("b/rewrite.md", 0, [
        "Catastrophic dam collapse: dozens saved",
        "More than 40 people were saved on Wednesday after the Kesta dam collapsed, according to police.",
        '"The water came up within seconds," police chief Ivar Moen claimed in Orvik.',
        "Over 500 homes were destroyed.",
        "Critics blame years of neglect.",
    ], title=True, date="2024-03-07")
    rewrite.quotes.append(Quote("The water came up within seconds,", 0, 33, [2], speaker="Ivar Moen", verb="claimed"))
    reprint, reprint_text = _story("c/reprint.txt", 0, [
        "Forty people were rescued on Tuesday after the Kesta dam failed, Interior Minister Lena Dahl said.",
        '"The water rose within minutes," Dahl said at a briefing in Orvik.',
    ], title=False, date="2024-03-06")
    reprint.quotes.append(Quote("The water rose within minutes,", 0, 30, [1], speaker="Dahl", verb="said"))
    item1, t1 = _story("d/listing.html", 0, ["Council meets in Minsk.", "Two documents were signed."],
                       title=False, kind="listing", date="2023-11-24")
    item2, t2 = _story("d/listing.html", 1, ["</script><script>alert(1)</script> exercise begins."],
                       title=True, kind="listing", date="2023-11-20", offset=len(t1) + 1)

    minsk, minsk_text = _story("e/minsk.txt", 0, [
        "CSTO council meets in Minsk",
        "The council met in Minsk on Friday.",
        "Three documents were signed.",
    ], title=True, date="2023-11-24")

    docs = [
        Document(path="a/wire.html", sha256="a" * 64, format="html", text=wire_text, outlet="Wire Agency",
                 url="https://wire.example/dam?id=1&x=<b>", date="2024-03-06", language="en",
                 title=wire.title, encoding="utf-8", stories=[wire],
                 dropped=[DroppedLine("Share on Facebook", "share button", 3), DroppedLine(HOSTILE, "script text", None)]),
        Document(path="b/rewrite.md", sha256="b" * 64, format="markdown", text=rewrite_text,
                 outlet='Daily <b onmouseover="window.__pwned=3">Bugle</b>', url="javascript:window.__pwned=4",
                 date="2024-03-07", title=rewrite.title, stories=[rewrite], warnings=["no date line; used the metadata"]),
        Document(path="c/reprint.txt", sha256="c" * 64, format="text", text=reprint_text, outlet="Regional Post",
                 derived_from="Wire Agency", url="http://post.example/dam", date="2024-03-06", stories=[reprint]),
        Document(path="d/listing.html", sha256="d" * 64, format="html", text=t1 + " " + t2, outlet="CSTO",
                 stories=[item1, item2]),
        Document(path="e/minsk.txt", sha256="e" * 64, format="text", text=minsk_text, outlet="Minsk Daily",
                 date="2023-11-24", stories=[minsk]),
    ]
    for story in (wire, rewrite, reprint):
        story.outlet = None
        story.language = "en"
    item2.outlet = "CSTO press office"

    W, R, P = wire.id, rewrite.id, reprint.id

    def ref(s: str, i: int) -> SentenceRef:
        return SentenceRef(s, i)

    claims = [
        Claim("c1", [ref(W, 0), ref(R, 0)], [SentenceLink(ref(W, 0), ref(R, 0), 0.41)]),
        Claim("c2", [ref(W, 1), ref(R, 1), ref(P, 0)],
              [SentenceLink(ref(W, 1), ref(R, 1), 0.72), SentenceLink(ref(W, 1), ref(P, 0), 1.0)]),
        Claim("c3", [ref(W, 2), ref(R, 2), ref(P, 1)],
              [SentenceLink(ref(W, 2), ref(R, 2), 0.64), SentenceLink(ref(W, 2), ref(P, 1), 1.0)]),
        Claim("c4", [ref(W, 3), ref(R, 3)], [SentenceLink(ref(W, 3), ref(R, 3), 0.55)]),
        Claim("c5", [ref(W, 4)]),
        Claim("c6", [ref(R, 4)]),
    ]
    discrepancies = [
        Discrepancy("number", "error", "300 homes damaged (Wire Agency) vs over 500 destroyed (Daily Bugle)",
                    [ref(W, 3), ref(R, 3)], "c4",
                    {"values": {W: "about 300", R: "over 500"}, "rule": "value"}),
        Discrepancy("date", "error", "rescue on Tuesday (2024-03-05) vs Wednesday (2024-03-06)",
                    [ref(W, 1), ref(R, 1)], "c2", {"resolved": [ "2024-03-05", "2024-03-06"]}),
        Discrepancy("attribution", "error", "quote attributed to Lena Dahl vs Ivar Moen",
                    [ref(W, 2), ref(R, 2)], "c3", {"speakers": {W: "Lena Dahl", R: "Ivar Moen"}, "verbs": ("said", "claimed")}),
        Discrepancy("quote_wording", "info", "the quotation is worded differently", [ref(W, 2), ref(R, 2)], "c3",
                    {"diff": [[0, "The water"], [-1, "rose"], [1, "came up"], [0, "within"], [-1, "minutes"],
                              [1, "seconds"]]}),
        Discrepancy("framing", "warning", "'Catastrophic' only in Daily Bugle", [ref(R, 0)], "c1",
                    {"terms": {"catastrophic"}}),
        Discrepancy("entity", "warning", f"Interior Minister vs police {HOSTILE}", [ref(W, 1), ref(R, 1)], "c2"),
        Discrepancy("omission", "warning", "Only Daily Bugle blames neglect", [ref(R, 4)], None, {"score": 0.333333333}),
    ]
    events = [
        Event("e1", [W, R, P], title=wire.title, date="2024-03-06",
              links=[StoryLink(W, P, "reprint", 0.97, {"jaccard": 0.9666666}),
                     StoryLink(W, R, "same_event", 0.61, {"names": ["Kesta", "Orvik"]})],
              claims=claims, discrepancies=discrepancies),
        Event("e2", [item1.id, minsk.id], title=None, date="2023-11-24",
              links=[StoryLink(item1.id, minsk.id, "same_event", 0.55)],
              claims=[Claim("c1", [ref(item1.id, 0), ref(minsk.id, 1)], [SentenceLink(ref(item1.id, 0), ref(minsk.id, 1), 0.6)]),
                      Claim("c2", [ref(item1.id, 1), ref(minsk.id, 2)], [SentenceLink(ref(item1.id, 1), ref(minsk.id, 2), 0.7)]),
                      Claim("c3", [ref(minsk.id, 0)])],
              discrepancies=[Discrepancy("number", "warning", "two documents (CSTO) vs three (Minsk Daily)",
                                         [ref(item1.id, 1), ref(minsk.id, 2)], "c2")]),
        Event("e3", [item2.id], title=item2.title, date="2023-11-20", claims=[Claim("c1", [ref(item2.id, 0)])]),
    ]
    return Report(
        corpus="sample",
        documents=docs,
        events=events,
        errors=[InputError("z/broken.html", f"cannot decode bytes {HOSTILE}")],
        parameters={"match": {"num_perm": 128, "lsh_threshold": 0.3}, "align": {"semantic": False}},
        stats={"seconds_are_never_recorded": 0},
    )
