from django import template

from tracker.enums import RequestType

register = template.Library()


@register.filter
def request_type_label(code: str) -> str:
    try:
        return RequestType(code).label
    except ValueError:
        return code


@register.simple_tag
def percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0
