from tracker.templatetags.tracker_tags import response_html


def test_response_html_renders_paragraphs_bullets_and_emphasis():
    html = response_html("We **revised** page 29.\n\n- first\n- *second*")
    assert html == (
        "<p>We <strong>revised</strong> page 29.</p><ul><li>first</li><li><em>second</em></li></ul>"
    )


def test_response_html_shows_a_script_tag_as_text():
    html = response_html('<script>alert("x")</script> <img src=x onerror=alert(1)>')
    assert "<script>" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html


def test_response_html_marks_confidential_passages():
    html = response_html("Sold [[12 units]].")
    assert html == (
        '<p>Sold <mark class="confidential" title="Confidential (Rule 83)">12 units</mark>.</p>'
    )
