"""Small rules of the messages pages show."""


def sentence(text: str) -> str:
    """The text ending in one full stop: "Calix Networks, Inc." does not get a second."""
    return text if text.endswith((".", "!", "?")) else f"{text}."
