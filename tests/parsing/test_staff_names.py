"""The staff a letter names, tidied and ranked for the Attention block and the salutation."""

from tracker.parsing.staff import StaffMember, attention, dear, person, rank


def test_person_signed_and_typed_name_run_together_is_taken_apart():
    member = person("/s/ Jennifer Thompson Jennifer Thompson Accounting Branch Chief Office of X")
    assert member == StaffMember("Jennifer Thompson", "Accounting Branch Chief")


def test_person_title_keeps_the_rank_and_drops_the_office():
    assert person("Cara Lind", "Branch Chief, Office of Trade & Services") == StaffMember(
        "Cara Lind", "Branch Chief"
    )
    assert person("Pia Holt", "Chief, Office of Global Security Risk").title == "Chief"


def test_person_division_signing_is_nobody_to_address():
    assert person("Division of Corporation Finance", "Office of Energy & Transportation") is None


def test_attention_most_senior_first_each_once_with_the_title_found():
    contacts = [
        {"name": "Tom Reed", "title": "Staff Attorney"},
        {"name": "Una Vale", "title": "Staff Accountant"},
        {"name": "Lee Park", "title": ""},
        {"name": "Ben Cole", "title": "Legal Branch Chief"},
        {"name": "Mia Soto", "title": "Senior Staff Accountant"},
    ]
    people = attention(contacts, "/s/ Lee Park Lee Park Assistant Director", "")
    assert [member.line for member in people] == [
        "Lee Park, Assistant Director",
        "Ben Cole, Legal Branch Chief",
        "Mia Soto, Senior Staff Accountant",
        "Una Vale, Staff Accountant",
        "Tom Reed, Staff Attorney",
    ]


def test_rank_unknown_title_comes_last_and_accountant_branch_chief_is_accounting():
    assert rank("Accountant Branch Chief") == rank("Accounting Branch Chief")
    assert rank("Paralegal") > rank("Attorney-Advisor")


def test_dear_one_or_two_people_and_nothing_without_an_honorific():
    assert dear([StaffMember("Mr. Hal Smith")]) == "Dear Mr. Smith:"
    jones_lee = [StaffMember("Ms. Ann Jones"), StaffMember("Mr. Kim Lee")]
    assert dear(jones_lee) == "Dear Ms. Jones and Mr. Lee:"
    assert dear([StaffMember("Ms. Ann Jones"), StaffMember("Kim Lee")]) == ""
