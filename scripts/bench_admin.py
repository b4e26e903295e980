"""The anchors the bench and the load test measure corresp's comment pages against.

Reachable only through the bench's URLconf (this module: `make bench` sets it, `make load`
serves it through scripts.bench_settings), never in production:

- a stock Django admin changelist over the same rows as All comments, and one over a letter's
  comments: list_display with the same columns, list_filter with the same filters,
  list_select_related; get_queryset scopes it to the member's companies (and prefetches the
  assignees, as anyone listing them in an admin would);
- a bare view: one hand-written SQL query into a plain template with the same columns;
- a trivial view: the middleware and nothing else, the framework's floor.
"""

from django.contrib import admin
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path
from django.utils.text import Truncator

from tracker.enums import RequestType
from tracker.models import Comment
from tracker.permissions import visible_companies
from tracker.queries.lists import with_request_type
from tracker.urls import urlpatterns as tracker_urlpatterns


class MemberAdminSite(admin.AdminSite):
    """An admin a member may open (not only staff); the bench's alone."""

    def has_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active


class RequestTypeFilter(admin.SimpleListFilter):
    title = "the staff ask to"
    parameter_name = "request_type"

    def lookups(self, request, model_admin):
        return RequestType.choices

    def queryset(self, request, queryset):
        return with_request_type(queryset, self.value()) if self.value() else queryset


class MemberCommentAdmin(admin.ModelAdmin):
    """Read-only comments of the member's companies."""

    list_select_related = ["letter__review__company", "response"]

    def get_queryset(self, request):
        comments = super().get_queryset(request)
        comments = comments.filter(letter__review__company__in=visible_companies(request.user))
        return comments.prefetch_related("assignments__user")

    def has_module_permission(self, request) -> bool:
        return True

    def has_view_permission(self, request, obj=None) -> bool:
        return True

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="Company")
    def company(self, comment: Comment) -> str:
        return comment.letter.review.company.name

    @admin.display(description="Letter")
    def letter_date(self, comment: Comment):
        return comment.letter.letter_date

    @admin.display(description="Opening words")
    def opening_words(self, comment: Comment) -> str:
        return Truncator(comment.text).words(12)

    @admin.display(description="Status")
    def status(self, comment: Comment) -> str:
        return comment.response.get_status_display()

    @admin.display(description="Assigned")
    def assigned(self, comment: Comment) -> str:
        return ", ".join(
            f"{a.user.get_full_name() or a.user.username} ({a.get_role_display().lower()})"
            for a in comment.assignments.all()
        )

    @admin.display(description="Due")
    def due(self, comment: Comment):
        dates = [a.due_on for a in comment.assignments.all() if a.due_on]
        return min(dates) if dates else comment.letter.response_due_on


class AllCommentsAdmin(MemberCommentAdmin):
    list_display = [
        "company",
        "letter_date",
        "number",
        "heading",
        "opening_words",
        "status",
        "assigned",
        "due",
    ]
    list_filter = [
        ("letter__review__company", admin.RelatedOnlyFieldListFilter),
        ("letter__review__filings", admin.RelatedOnlyFieldListFilter),
        ("letter", admin.RelatedOnlyFieldListFilter),
        "response__status",
        ("assignments__user", admin.RelatedOnlyFieldListFilter),
        RequestTypeFilter,
        "letter__response_due_on",
    ]
    list_per_page = 50


class LetterCommentsAdmin(MemberCommentAdmin):
    list_display = ["number", "long_opening", "asks_to", "status", "assigned", "due", "changed"]
    list_filter = [
        "response__status",
        ("assignments__user", admin.RelatedOnlyFieldListFilter),
        RequestTypeFilter,
    ]
    list_per_page = 100

    @admin.display(description="Comment")
    def long_opening(self, comment: Comment) -> str:
        return Truncator(comment.text).words(20)

    @admin.display(description="Asks to")
    def asks_to(self, comment: Comment) -> str:
        return ", ".join(RequestType(code).label for code in comment.request_types)

    @admin.display(description="Last change")
    def changed(self, comment: Comment):
        return comment.response.updated_at


all_comments_admin = MemberAdminSite(name="bench_all_comments")
all_comments_admin.register(Comment, AllCommentsAdmin)
letter_admin = MemberAdminSite(name="bench_letter")
letter_admin.register(Comment, LetterCommentsAdmin)


def admin_all_comments_url(query: str) -> str:
    return f"/bench/admin-comments/tracker/comment/?{query}"


def admin_letter_url(letter_id: int) -> str:
    return f"/bench/admin-letter/tracker/comment/?letter__id__exact={letter_id}"


# --- the bare views: one query, a plain template --------------------------------------------

BARE_TEMPLATE = engines["django"].from_string(
    """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><h1>{{ title }}</h1><table><thead><tr>{% for name in columns %}<th>{{ name }}</th>{% endfor %}
</tr></thead><tbody>{% for row in rows %}<tr>{% for cell in row %}<td>{{ cell }}</td>{% endfor %}
</tr>{% endfor %}</tbody></table></body></html>"""
)


def vendor_sql() -> dict[str, str]:
    """The few expressions SQLite and PostgreSQL spell differently."""
    if connection.vendor == "postgresql":
        return {
            "heading": "c.headings ->> -1",
            "names": "string_agg(concat_ws(' ', u.first_name, u.last_name) || ' (' || a.role"
            " || ')', ', ' ORDER BY a.id)",
            "asks": "c.request_types @> %s::jsonb",
        }
    return {
        "heading": "json_extract(c.headings, '$[#-1]')",
        "names": "group_concat(u.first_name || ' ' || u.last_name || ' (' || a.role || ')', ', ')",
        "asks": "c.request_types LIKE %s",
    }


BARE_SELECT = """
SELECT {columns},
  (SELECT {names} FROM tracker_assignment a JOIN auth_user u ON u.id = a.user_id
    WHERE a.comment_id = c.id) AS assigned,
  coalesce((SELECT min(a.due_on) FROM tracker_assignment a WHERE a.comment_id = c.id),
    l.response_due_on) AS due_on
FROM tracker_comment c
JOIN tracker_commentletter l ON l.id = c.letter_id
JOIN tracker_filingreview fr ON fr.id = l.review_id
JOIN tracker_company co ON co.id = fr.company_id
JOIN tracker_response r ON r.comment_id = c.id
WHERE fr.company_id IN (SELECT m.company_id FROM tracker_membership m WHERE m.user_id = %s)
  AND {where}
ORDER BY c.letter_id, c.number
LIMIT %s OFFSET %s
"""


def bare_rows(columns: str, where: str, params: list, limit: int, offset: int) -> list[tuple]:
    spelled = vendor_sql()
    sql = BARE_SELECT.format(
        columns=columns.format(**spelled), names=spelled["names"], where=where.format(**spelled)
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit, offset])
        return cursor.fetchall()


def bare_all_comments(request: HttpRequest) -> HttpResponse:
    """All comments, filtered by status and request type, 50 a page."""
    status = request.GET.get("status", "drafting")
    code = request.GET.get("request_type", "revise")
    page = int(request.GET.get("page", 1))
    asks = f'["{code}"]' if connection.vendor == "postgresql" else f'%"{code}"%'
    rows = bare_rows(
        "co.name, l.letter_date, c.number, {heading}, substr(c.text, 1, 90), r.status",
        "r.status = %s AND {asks}",
        [request.user.pk, status, asks],
        50,
        50 * (page - 1),
    )
    columns = ["Company", "Letter", "No.", "Heading", "Opening words", "Status", "Assigned"]
    context = {"title": "All comments", "columns": [*columns, "Due"], "rows": rows}
    return HttpResponse(BARE_TEMPLATE.render(context, request))


def bare_letter(request: HttpRequest, pk: int) -> HttpResponse:
    """One letter's comments, in letter order."""
    rows = bare_rows(
        "c.number, substr(c.text, 1, 150), c.request_types, r.status, r.updated_at",
        "c.letter_id = %s",
        [request.user.pk, pk],
        1000,
        0,
    )
    columns = ["No.", "Comment", "Asks to", "Status", "Last change", "Assigned", "Due"]
    context = {"title": "Staff letter", "columns": columns, "rows": rows}
    return HttpResponse(BARE_TEMPLATE.render(context, request))


def trivial(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/admin-comments/", all_comments_admin.urls),
    path("bench/admin-letter/", letter_admin.urls),
    path("bench/bare-comments/", bare_all_comments),
    path("bench/bare-letters/<int:pk>/", bare_letter),
    path("bench/trivial/", trivial),
    *tracker_urlpatterns,
]
