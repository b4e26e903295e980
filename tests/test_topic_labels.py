"""The hand labels the topic rules are measured against speak the taxonomy's language."""

import json
from pathlib import Path

from tracker.parsing.topics import TOPIC_SLUGS, TOPICS

LABELS = Path(__file__).resolve().parents[1] / "scripts" / "eval" / "topic_labels.json"


def labels() -> list[dict]:
    return json.loads(LABELS.read_text())["labels"]


def test_every_label_is_a_topic_of_the_taxonomy():
    unknown = {topic for label in labels() for topic in label["topics"]} - TOPIC_SLUGS
    assert not unknown


def test_a_procedural_comment_has_no_other_topic():
    assert all(
        label["topics"] == ["procedural"] for label in labels() if "procedural" in label["topics"]
    )


def test_each_comment_is_labelled_once_and_held_out_or_tuned_on():
    keys = [(label["letter"], label["number"]) for label in labels()]
    assert len(keys) == len(set(keys))
    assert {label["set"] for label in labels()} == {"tuning", "held_out"}


def test_every_topic_says_how_it_is_recognised():
    assert all(topic.name and topic.recognised_by for topic in TOPICS)
    assert len(TOPIC_SLUGS) == len(TOPICS)
