"""False alarms and misses seen on real accounts from other outlets, each as a short synthetic case."""

from __future__ import annotations

from facts_support import event_of, make_document

from compare.facts import find_discrepancies
from compare.facts.attribution import same_person
from compare.facts.numbers import find_quantities
from compare.model import Quote


def _pair(text_a: str, text_b: str, *, speakers: tuple[str | None, str | None] = (None, None),
          date_a: str = "2023-03-02", date_b: str = "2023-03-02"):
    """Two one-sentence accounts put in one claim; a speaker given is set as the ingest's Quote."""
    docs = []
    for n, (text, speaker, date) in enumerate(((text_a, speakers[0], date_a), (text_b, speakers[1], date_b))):
        doc = make_document(f"{'ab'[n]}.txt", text, outlet=("Alpha", "Beta")[n], date=date, title=False)
        if speaker:
            story = doc.stories[0]
            story.quotes.append(Quote(text=text, start=0, end=len(text), sentences=[0], speaker=speaker))
        docs.append(doc)
    event, stories, documents = event_of(docs, [[(0, text_a.split()[0]), (1, text_b.split()[0])]])
    return find_discrepancies(event, stories, documents)


QUOTE = '"We have done our job and the troops can now go home," '


def test_a_description_of_the_speaker_is_not_another_person():
    found = _pair(QUOTE + "President Ivan Petrov said.", QUOTE + "the Ruritanian leader said.",
                  speakers=("Ivan Petrov", "the Ruritanian leader"))
    assert not [d for d in found if d.type == "attribution" and d.severity == "error"]
    found = _pair(QUOTE + "Ivan Petrov said.", QUOTE + "the post-Soviet alliance's chief said.",
                  speakers=("Ivan Petrov", "the post-Soviet alliance's chief"))
    assert not [d for d in found if d.type == "attribution" and d.severity == "error"]


def test_an_office_is_not_a_person():
    found = _pair(QUOTE + "Anna Berg said.", QUOTE + "the County Office of Emergency Services said.",
                  speakers=("Anna Berg", "Office of Emergency Services"))
    assert not [d for d in found if d.type == "attribution" and d.severity == "error"]


def test_two_people_still_conflict():
    found = _pair(QUOTE + "Ivan Petrov said.", QUOTE + "Oleg Sidorov said.", speakers=("Ivan Petrov", "Oleg Sidorov"))
    assert [d for d in found if d.type == "attribution" and d.severity == "error"]


def test_transliterations_of_one_name_are_one_person():
    assert same_person("Sergei Shoigu", "Sergey Shoygu")
    assert same_person("Kasym Tokayev", "Kassym-Jomart Tokayev")
    assert not same_person("Ivan Petrov", "Oleg Sidorov")
    assert not same_person("Morris", "Harris")


def test_a_deadline_is_not_the_day_an_action_started():
    found = _pair("The troops began to leave the country today.",
                  "The troops will leave the country by March 9.")
    assert not [d for d in found if d.type == "date"]


def test_dates_of_different_happenings_in_loose_renderings_are_not_compared():
    found = _pair("The mayor met the envoy on Monday; later, in a long speech, he praised the new harbour.",
                  "Officials said the new harbour would be finished on March 20.")
    assert not [d for d in found if d.type == "date"]


def test_the_same_happening_on_two_dates_still_conflicts():
    found = _pair("The envoy arrived in the capital on Monday for talks.",
                  "The envoy arrived in the capital on March 1 for the talks.")
    assert [d for d in found if d.type == "date" and d.severity == "error"]


def test_numbers_inside_web_addresses_are_not_counts():
    assert find_quantities("Read more: http://example.com/2013/film/news/jane-doe-to-host-1200566939/") == []
    assert find_quantities("http : / / www . example . com / item / 6206 - john - roe - in - talks") == []
    assert find_quantities("com / film / 2013 / aug / 02 / jane - doe - to - host") == []
    [q] = find_quantities("See www.example.com. Five people were hurt.")
    assert q.value == 5


def test_title_case_headline_words_are_not_swapped_names():
    found = _pair("Actress Checks Into Court Ordered Rehab After Arrest",
                  "Actress checks into Mercy Grove Center after arrest")
    assert not [d for d in found if d.type == "entity"]
    found = _pair("Troops from Germany crossed the border at dawn.", "Troops from France crossed the border at dawn.")
    assert [d for d in found if d.type == "entity" and d.severity == "error"]


def test_a_label_two_of_four_accounts_use_is_framing_reported_once():
    texts = ["The post-Soviet security bloc's chief met the envoy.", "The post-Soviet security bloc's chief met the envoy.",
             "The alliance's chief met the envoy.", "The organisation's head met the envoy."]
    docs = [make_document(f"{n}.txt", t, outlet=f"Outlet{n}", date="2023-03-02", title=False) for n, t in enumerate(texts)]
    event, stories, documents = event_of(docs, [[(n, "met") for n in range(4)]])
    labels = [d for d in find_discrepancies(event, stories, documents) if d.type == "framing"]
    assert len(labels) == 1 and "post-Soviet" in labels[0].summary and "Outlet1" in labels[0].summary
    # used by three of four accounts it is the common wording, not one account's framing
    texts[2] = "The post-Soviet alliance's chief met the envoy."
    docs = [make_document(f"{n}.txt", t, outlet=f"Outlet{n}", date="2023-03-02", title=False) for n, t in enumerate(texts)]
    event, stories, documents = event_of(docs, [[(n, "met") for n in range(4)]])
    assert not [d for d in find_discrepancies(event, stories, documents) if d.type == "framing"]


def test_distances_pair_by_what_they_measure_and_close_approximations_agree():
    [q] = find_quantities("The town lies some 200 miles north of the capital.")
    assert q.noun_text == "miles"
    found = _pair("The quake hit about 7.5 miles west of Eastwick, a town roughly 200 miles northwest of the capital.",
                  "The quake hit near Eastwick, a town some 210 miles northwest of the capital.")
    # "roughly 200" and "some 210" can both hold (each is give or take 10%): no conflict.
    assert not [d for d in found if d.type == "number"]
    found = _pair("The quake hit near Eastwick, a town 150 miles northwest of the capital.",
                  "The quake hit near Eastwick, a town 210 miles northwest of the capital.")
    assert [d for d in found if d.type == "number" and d.severity == "error"]


def test_a_country_credited_with_a_quote_is_not_another_person():
    found = _pair(QUOTE + "Ivan Petrov said.", QUOTE + "said the Prime Minister of France Ivan Petrov.",
                  speakers=("Ivan Petrov", "France"))
    assert not [d for d in found if d.type == "attribution" and d.severity == "error"]
