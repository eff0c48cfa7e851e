"""People in the accounts of an event (issue 10): names, places spelled like names, titles, ranks,
offices, jobs, speakers and their quoted words.  Sentence pairs of our own writing, each with a
negative twin; nothing aligned unless said, so these are the event-level checks."""

from __future__ import annotations

from test_facts_precision import _docs, _found


def _unaligned(*texts: str) -> list:
    return _found(_docs(*texts), [])


def _details(found: list, detail: str) -> list:
    return [d for d in found if d.details.get("detail") == detail]


# --------------------------------------------------------------------------- names


def test_a_place_spelled_two_ways_is_no_name_conflict():
    found = _unaligned("Thousands of students marched outside the assembly hall in New Dorvesh, chanting slogans.",
                       "Anger spread quickly and students marched in Darvesh, chanting slogans.")
    assert not _details(found, "name")
    # the twin: the same spellings as a person's surname are still a name conflict
    found = _unaligned("The protest leader Amir Dorvesh spoke to students, chanting slogans.",
                       "Darvesh spoke to students, chanting slogans.")
    assert _details(found, "name")
