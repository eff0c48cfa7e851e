"""The event's facts as slots, compared across accounts even where no sentences were aligned.

Each account's counted facts are read from every sentence it has (``numbers.find_quantities``):
a number with a role ("killed", "survived", "on board" ...) or a counted noun that is itself
a role ("passengers", "crew", "troops"), keyed by (role, what is counted, place).  An account
whose own figures for a slot disagree with each other (a toll that "rose from 27 to 43") gives
no value for it.  Two accounts whose values for one slot cannot both hold (qualifiers applied)
are a conflict naming both values, both sentences and the outlets.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from compare.facts.common import discrepancy, quoted
from compare.facts.context import EventView, SentenceView
from compare.facts.datecheck import DateIndex
from compare.facts.numbers import Quantity, find_quantities
from compare.facts.slots import overlap
from compare.model import Discrepancy, SentenceRef, Severity
from compare.textnorm import stem

# Counted nouns that name a role by themselves: "64 passengers", "700 troops".
ROLE_NOUNS = frozenset(
    "passeng crew troop soldier peacekeep storey floor vote deleg member seat lawmak student child girl boy "
    "woman women man men survivor victim bodi hostag prison".split()
)
# Nouns that say nothing more than "people": "38 people killed" and "38 killed" are one slot.
PEOPLE_NOUNS = frozenset(
    {"peopl", "person", "individu", "resid", "victim", "live", "dead", "death", "fatal", "survivor", "bodi"}
)
# A sentence that forecasts, fears or estimates does not state a figure.
_HEDGED = re.compile(
    r"\b(?:could|may|might|feared|fears|expected to|likely to|projected|estimates?d?|would|if|unconfirmed|"
    r"earlier|initial|initially|previously|first reported|preliminary)\b",
    re.I,
)
# Roles whose counts a conflict is told about (others, such as a distance without a role, are not slots).
SLOT_ROLES = frozenset(
    "killed injured critical hospitalised survived missing on_board bodies displaced arrested "
    "votes_for votes_against abstained absent age".split()
)


@dataclass(frozen=True, slots=True)
class SlotValue:
    story: str
    ref: SentenceRef
    quantity: Quantity


def slot_key(q: Quantity) -> tuple[str, str, str] | None:
    """(role, counted thing, place) of a quantity that states an event fact, or None."""
    if q.percent or q.dimension not in (None, "age", "storeys"):
        return None
    noun = q.noun or ""
    words = [stem(w) for w in (q.noun_text or "").split()]
    role_at = next((i for i, w in enumerate(words) if w in ROLE_NOUNS), None)
    if role_at is not None:
        noun = " ".join(words[: role_at + 1])  # "cabin crew" is part of the crew: another thing than "crew"
    else:
        noun = next((w for w in words if w in PEOPLE_NOUNS), noun)
    thing = "people" if not noun or noun in PEOPLE_NOUNS else noun
    if q.role in SLOT_ROLES:
        if q.role == "age" and not q.scope:
            return None  # an age of nobody named
        if thing != "people" and thing.split()[-1] not in ROLE_NOUNS and q.role != "age":
            return None  # "killed 12 cattle", "injured three officers' horses": too open to compare
        return q.role, thing, q.scope or ""
    if q.role is None and noun and noun.split()[-1] in ROLE_NOUNS and noun not in ("survivor", "victim", "bodi"):
        return "count", noun, q.scope or ""
    return None


def account_slots(view: EventView, dates: DateIndex, story: str) -> dict[tuple[str, str, str], list[SlotValue]]:
    """Every stated slot value of one account, by slot."""
    out: dict[tuple[str, str, str], list[SlotValue]] = defaultdict(list)
    for sentence in view.story_sentences(story):
        if sentence.role != "body" or _HEDGED.search(sentence.narrative):
            continue
        for q in find_quantities(sentence.text, dates.spans(sentence)):
            if q.conversion or _in_quote(sentence, q):
                continue
            key = slot_key(q)
            if key:
                out[key].append(SlotValue(story, sentence.ref, q))
    return out


def _in_quote(sentence: SentenceView, q: Quantity) -> bool:
    for piece in sentence.quoted:
        at = sentence.text.find(piece)
        if at >= 0 and at <= q.start < at + len(piece):
            return True
    return False


def _settled(values: list[SlotValue]) -> SlotValue | None:
    """The account's value for a slot when all its mentions agree (the most precise one), else None."""
    for a, b in combinations(values, 2):
        if not overlap(a.quantity.range, b.quantity.range):
            return None
    exact = [v for v in values if v.quantity.qualifier_class in (None, "exact")]
    return (exact or values)[0]


def check_event_slots(
    view: EventView, dates: DateIndex, compared: set[frozenset[SentenceRef]]
) -> list[Discrepancy]:
    """Conflicting values of one slot between accounts; ``compared`` holds sentence pairs already
    checked claim by claim (their findings stand; no second one)."""
    by_slot: dict[tuple[str, str, str], dict[str, SlotValue]] = defaultdict(dict)
    for story in view.stories:
        for key, values in account_slots(view, dates, story).items():
            settled = _settled(values)
            if settled:
                by_slot[key][story] = settled
    out = []
    order = {sid: i for i, sid in enumerate(view.event.stories)}
    for key in sorted(by_slot):
        accounts = sorted(by_slot[key].values(), key=lambda v: order.get(v.story, 1 << 30))
        for group_a, group_b in _disagreeing_groups(accounts):
            a, b = group_a[0], group_b[0]
            if frozenset((a.ref, b.ref)) in compared:
                continue
            out.append(_finding(view, key, group_a, group_b))
    return out


def _disagreeing_groups(accounts: list[SlotValue]) -> list[tuple[list[SlotValue], list[SlotValue]]]:
    """Accounts grouped by the range their value allows; every pair of groups whose ranges cannot
    both hold ("at least 29" conflicts with neither 29 nor 32)."""
    groups: dict[tuple[float, float], list[SlotValue]] = {}
    for v in accounts:
        groups.setdefault(v.quantity.range, []).append(v)
    return [
        (ga, gb)
        for ga, gb in combinations(groups.values(), 2)
        if not overlap(ga[0].quantity.range, gb[0].quantity.range)
    ]


def _finding(
    view: EventView, key: tuple[str, str, str], group_a: list[SlotValue], group_b: list[SlotValue]
) -> Discrepancy:
    role, thing, place = key
    a, b = group_a[0], group_b[0]
    what = " ".join(w for w in (role.replace("_", " ") if role != "count" else "", thing if thing != "people" else "",
                                f"in {place}" if place else "") if w) or "count"
    severity: Severity
    dates = {view.stories[v.story].date for v in [*group_a, *group_b]}
    if len(dates) > 1 and None not in dates:
        severity = "warning"
        reason = (f"the same fact ({what}) with values that cannot both hold, but the accounts were published "
                  "on different dates: the figure may have been updated in between")
    elif role != "count" and not ("approx" == a.quantity.qualifier_class == b.quantity.qualifier_class):
        severity = "error"
        reason = (f"the same fact ({what}) is stated by both accounts with values that cannot both hold, "
                  "qualifiers included; found at event level (the sentences were not aligned)")
    else:
        severity = "warning"
        reason = (f"the same counted thing ({what}) with different values, but its role in the event is not stated"
                  if role == "count" else "both values are approximate")
    values = {}
    numbers = {}
    for v in [*group_a, *group_b]:
        name = view.name(v.story)
        values[name] = f'"{v.quantity.text}"'
        numbers[name] = v.quantity.value
    name_a = ", ".join(view.name(v.story) for v in group_a)
    name_b = ", ".join(view.name(v.story) for v in group_b)
    sentence_a = view.sentences[a.ref].text
    sentence_b = view.sentences[b.ref].text
    return discrepancy(
        "number",
        severity,
        f'{what}: {name_a} say "{a.quantity.text}" ({quoted(sentence_a, 90)}); '
        f'{name_b} say "{b.quantity.text}" ({quoted(sentence_b, 90)})',
        [v.ref for v in [*group_a, *group_b]],
        None,
        kind="slot",
        key=f"slot:{role}:{thing}:{place}",
        subject=what,
        values=values,
        numbers=numbers,
        outlets=sorted(values),
        role=role,
        grade_reason=reason,
        grade_basis="event",
    )
