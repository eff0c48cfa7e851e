"""Event-level details that are not counts (compare.facts.eventdetails): times of day, aircraft
models, flight numbers, titles of named people, vote kinds, routes.  Sentence pairs of our own
writing; nothing aligned, so every finding here is found at event level."""

from __future__ import annotations

from facts_support import event_of, make_document

from compare.facts import find_discrepancies


def _details(*texts: str, dates: tuple[str, ...] = ()):
    docs = [make_document(f"{name.lower()}.txt", text, outlet=name, date=(dates[i] if dates else "2024-05-08"),
                          title=False)
            for i, (name, text) in enumerate(zip(["Alpha", "Beta", "Gamma"], texts, strict=False))]
    event, stories, documents = event_of(docs, [])
    return [d for d in find_discrepancies(event, stories, documents) if d.details.get("kind") == "event_detail"]


def _one(found, detail):
    hits = [d for d in found if d.details["detail"] == detail]
    assert len(hits) == 1, [d.summary for d in found]
    d = hits[0]
    assert d.details["grade_basis"] == "event" and d.details["grade_reason"] and len(d.sentences) >= 2
    return d


# --------------------------------------------------------------------------- times of day


def test_two_times_of_the_same_crash_conflict():
    d = _one(_details("The cargo plane crashed into a hillside at 4:10 p.m. on Sunday.",
                      "Witnesses saw smoke rising after the freighter crashed at 4:40 p.m."), "time")
    assert d.type == "date" and d.severity == "error"
    assert d.details["values"] == {"Alpha": "4:10 p.m.", "Beta": "4:40 p.m."}


def test_a_24_hour_clock_and_am_pm_are_one_time():
    assert not _details("The ferry departed the harbour at 17:05 local time.",
                        "The ferry departed the harbour at 5:05 p.m. with 300 aboard.")


def test_approximate_times_a_minute_apart_are_a_warning():
    d = _one(_details("The trains collided at approximately 6:12 a.m., the operator's logs show.",
                      "The two trains collided around 6:13 a.m. near the junction."), "time")
    assert d.severity == "warning"


def test_the_time_of_a_press_conference_is_not_the_time_of_the_crash():
    assert not _details("The bus crashed on the motorway early on Friday. At a 3 p.m. news conference, police named the driver.",
                        "The bus crashed at 6:20 a.m. on the motorway.")


def test_different_time_zones_are_no_conflict():
    assert not _details("The rocket exploded shortly after launch at 14:30 GMT.",
                        "Minutes after it left the pad, the rocket exploded at 9:30 a.m. ET.")


def test_a_zone_named_by_one_account_only_is_a_warning():
    d = _one(_details("Off the coast, the tanker exploded at 11:05 p.m. ET.",
                      "The tanker exploded at 11:50 p.m. as it neared the port."), "time")
    assert d.severity == "warning" and "zone" in d.details["grade_reason"]


def test_an_aftershock_time_is_not_the_quake_time():
    assert not _details("The earthquake struck at 3:02 p.m. local time.",
                        "A strong aftershock struck at 3:40 p.m., toppling a minaret.")


def test_departure_and_crash_times_are_two_slots():
    assert not _details("The jet took off at 7:15 a.m. from the capital.",
                        "The jet crashed at 8:05 a.m. in a field.")


# --------------------------------------------------------------------------- aircraft and flights


def test_two_models_of_the_event_aircraft_conflict():
    d = _one(_details("The Airbus A320 skidded off the runway while landing in heavy rain.",
                      "An Airbus A321 overran the runway on landing, officials said."), "aircraft")
    assert d.type == "entity" and d.severity == "error"
    assert d.details["values"] == {"Alpha": "Airbus A320", "Beta": "Airbus A321"}


def test_variants_of_one_family_do_not_conflict():
    assert not _details("The Bombardier CRJ-700 crashed short of the runway.",
                        "The Bombardier CRJ705 crashed short of the runway in fog.")


def test_an_airliner_and_a_helicopter_are_two_aircraft():
    assert not _details("The Embraer E175 collided with a helicopter over the bay.",
                        "The Sikorsky UH-60 collided with a passenger jet over the bay.")


def test_an_account_naming_two_airliners_gives_no_model():
    assert not _details("An Airbus A330 clipped the wing of a parked Boeing 777 while taxiing.",
                        "The Boeing 777 was parked at the gate when it was struck.")


def test_two_flight_numbers_of_one_airline_conflict():
    d = _one(_details("Coastal Air Flight 4410 crashed on approach.",
                      "Coastal Air Flight 4401 went down on approach to the island."), "flight")
    assert d.severity == "error" and set(d.details["values"]) == {"Alpha", "Beta"}


def test_two_different_flights_in_one_story_are_not_compared():
    assert not _details("Northwind Flight 22 landed safely after the near miss.",
                        "Sunline Flight 809 climbed sharply to avoid the other plane.")
    assert not _details("Northwind Flight 22 and Sunline Flight 809 came within 200 feet.",
                        "Northwind Flight 22 landed safely after the near miss.")


def test_a_past_crash_is_background():
    assert not _details("Harbor Air Flight 12 crashed on landing.",
                        "It was the worst accident since Harbor Air Flight 7 crashed in 1998.")


# --------------------------------------------------------------------------- titles, votes, routes


def test_former_title_against_the_title_for_the_same_person():
    d = _one(_details("Former Governor Maria Okafor visited the shelter on Monday.",
                      "Governor Maria Okafor toured the flooded district on Monday."), "title")
    assert d.severity == "error" and d.details["values"]["Alpha"].lower().startswith("former")


def test_a_former_title_of_a_different_person_is_no_conflict():
    assert not _details("Former Governor Paul Reyes criticised the response.",
                        "Governor Maria Okafor toured the flooded district.")
    assert not _details("Former President Ana Silva and President Ana Silva's successor met.",
                        "President Ana Silva spoke.")


def test_then_title_is_compatible():
    assert not _details("Then-Mayor Ruth Lang signed the order in 2019 as well.",
                        "Mayor Ruth Lang signed the order.")


def test_abstained_against_absent_for_the_same_count():
    d = _one(_details("The motion passed with 90 votes in favour while 14 members abstained.",
                      "Fourteen members were absent and did not vote on the motion."), "vote")
    assert d.type == "number" and d.severity == "error"
    assert "abstained" in d.details["values"]["Alpha"] and "absent" in d.details["values"]["Beta"]


def test_different_counts_of_abstentions_and_absences_are_not_a_vote_kind_conflict():
    assert not _details("The motion passed while 14 members abstained.",
                        "Nine members were absent and did not vote.")


def test_destination_against_origin_is_a_warning():
    d = _one(_details("The Lisbon-bound train derailed after a landslide.",
                      "The train from Lisbon derailed after a landslide."), "route")
    assert d.severity == "warning"


def test_origin_in_both_accounts_is_no_conflict():
    assert not _details("The train from Lisbon derailed after a landslide.",
                        "The train, which originated in Lisbon, derailed.")


def test_an_approximate_time_and_a_close_exact_one_are_compatible():
    assert not _details("The van struck the cyclist at around 7 p.m. on the bridge.",
                        "The van struck the cyclist at 7:04 p.m. on the bridge.")


def test_the_time_police_responded_is_not_the_time_of_the_crash():
    assert not _details("Officers responded to the crash on the corner of Elm Street and Fifth Avenue at 9:40 p.m.",
                        "The car crashed into the storefront at 9:12 p.m.")


def test_a_bound_is_not_the_time_of_the_event():
    d = _one(_details("The airport closed after the crash and won't reopen until at least 11 a.m. The jet crashed at 9:10 p.m.",
                      "The jet crashed at 9:40 p.m. in the river."), "time")
    assert "9:10" in d.summary and "11 a.m." not in str(d.details["values"])
