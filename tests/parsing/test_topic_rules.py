"""Topics a staff comment is given from its headings and wording."""

from tracker.parsing.embedding import comment_text, embed
from tracker.parsing.topic_rules import topics_of


def test_a_non_gaap_heading_and_a_cited_item_give_non_gaap():
    headings = [
        "Form 10-K for the Fiscal Year Ended December 31, 2025",
        "Non-GAAP Measures, page 41",
    ]
    text = (
        "Your measure adjusted operating margin excludes restructuring costs that recur. Please "
        "tell us how it complies with Item 10(e)(1)(ii)(B) of Regulation S-K."
    )
    assert topics_of(headings, text) == ["non_gaap"]


def test_a_comment_under_a_section_takes_the_sections_subject_too():
    headings = [
        "Management's Discussion and Analysis",
        "Critical Accounting Estimates, page 52",
        "Goodwill, page 53",
    ]
    text = (
        "Please disclose the reporting units at risk of failing the impairment test and the "
        "percentage by which their fair value exceeded carrying value."
    )
    assert set(topics_of(headings, text)) == {"impairment", "critical_estimates"}


def test_contacts_with_a_sanctioned_country_are_recognised_without_a_heading():
    text = (
        "Your website lists a distributor in Syria. Please describe your contacts with Syria "
        "and whether they are subject to OFAC sanctions."
    )
    assert topics_of([], text) == ["sanctioned_countries"]


def test_a_comment_that_only_manages_the_review_is_procedural():
    text = "We may have further comments after we review your complete response."
    assert topics_of([], text) == ["procedural"]


def test_a_comment_no_rule_speaks_to_takes_the_topic_nearest_its_embedding():
    headings = ["Information Security Program"]
    text = "Describe the process by which hackers breaching your network would be detected."
    [vector] = embed([comment_text(headings, text)])
    assert topics_of(headings, text, vector) == ["cybersecurity"]
