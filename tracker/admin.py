from django import forms
from django.contrib import admin

from tracker.domain import sessions
from tracker.domain.closures import remove_closures, save_closure
from tracker.domain.styles import STYLE_VALUES
from tracker.forms.exports import checked_letterhead
from tracker.models import (
    Activity,
    Approval,
    Assignment,
    Comment,
    CommentLetter,
    Company,
    Export,
    Filing,
    FilingImport,
    FilingReview,
    LetterStyle,
    LetterUpload,
    Membership,
    Note,
    Notification,
    NotificationPreference,
    Response,
    ResponseLetter,
    Revision,
    SecClosure,
    Section,
    SectionLink,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "cik", "time_zone", "require_two_factor"]
    list_filter = ["require_two_factor"]
    search_fields = ["name", "cik"]
    inlines = [MembershipInline]

    def save_related(self, request, form, formsets, change):
        """Members already logged in follow a changed two-factor rule from their next page."""
        super().save_related(request, form, formsets, change)
        sessions.recheck_second_factor(form.instance)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "company", "role", "sign_off_as", "title", "joined_at"]
    list_filter = ["role", "company"]
    search_fields = ["user__username", "user__email", "company__name"]
    list_select_related = ["user", "company"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        sessions.forget_second_factor([obj.user_id])


@admin.register(Filing)
class FilingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "company", "form_type", "file_number", "filed_on", "amends"]
    list_filter = ["form_type", "company"]
    search_fields = ["file_number", "company__name", "description"]
    list_select_related = ["company", "amends"]
    raw_id_fields = ["amends"]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["title", "filing", "order", "first_page", "last_page", "is_placeholder"]
    list_filter = ["is_placeholder", "filing__company"]
    search_fields = ["title", "text"]
    list_select_related = ["filing"]
    raw_id_fields = ["filing", "parent"]


@admin.register(FilingImport)
class FilingImportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "company", "form_type", "status", "progress", "total", "created_at"]
    list_filter = ["status", "form_type"]
    search_fields = ["source_name", "company__name"]
    list_select_related = ["company"]
    raw_id_fields = ["company", "uploaded_by", "amends", "filing"]


@admin.register(FilingReview)
class FilingReviewAdmin(admin.ModelAdmin):
    list_display = ["__str__", "company", "status", "opened_on", "completed_on"]
    list_filter = ["status", "company"]
    search_fields = ["title", "company__name"]
    list_select_related = ["company"]
    filter_horizontal = ["filings"]


class CommentInline(admin.StackedInline):
    model = Comment
    extra = 0
    fields = ["number", "headings", "pages", "text", "request_types"]
    show_change_link = True


@admin.register(CommentLetter)
class CommentLetterAdmin(admin.ModelAdmin):
    list_display = ["__str__", "review", "round", "kind", "received_on", "response_due_on"]
    list_filter = ["kind", "review__company"]
    search_fields = ["re_block", "extracted_text", "review__company__name"]
    date_hierarchy = "letter_date"
    list_select_related = ["review__company"]
    raw_id_fields = ["review", "imported_by"]
    inlines = [CommentInline]


class SectionLinkInline(admin.TabularInline):
    model = SectionLink
    extra = 0
    raw_id_fields = ["section"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "letter", "heading", "pages"]
    list_filter = ["letter__review__company"]
    search_fields = ["text"]
    list_select_related = ["letter"]
    raw_id_fields = ["letter", "follows_up"]
    inlines = [SectionLinkInline]


@admin.register(SectionLink)
class SectionLinkAdmin(admin.ModelAdmin):
    list_display = ["comment", "section", "method", "score"]
    list_filter = ["method"]
    list_select_related = ["comment", "section"]
    raw_id_fields = ["comment", "section"]


class RevisionInline(admin.TabularInline):
    model = Revision
    extra = 0
    fields = ["number", "author", "created_at", "text"]
    readonly_fields = fields
    can_delete = False


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "updated_at"]
    list_filter = ["status", "comment__letter__review__company"]
    search_fields = ["comment__text", "revisions__text"]
    list_select_related = ["comment"]
    raw_id_fields = ["comment"]
    inlines = [RevisionInline]


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "author", "created_at"]
    search_fields = ["text", "author__username"]
    list_select_related = ["response__comment", "author"]
    raw_id_fields = ["response", "based_on", "author"]


@admin.register(Approval)
class ApprovalAdmin(admin.ModelAdmin):
    list_display = ["revision", "approver", "decision", "sign_off_as", "decided_at"]
    list_filter = ["decision"]
    search_fields = ["note", "approver__username"]
    list_select_related = ["revision__response__comment", "approver"]
    raw_id_fields = ["revision", "approver"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["comment", "user", "role", "due_on", "assigned_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "comment__text"]
    list_select_related = ["comment", "user"]
    raw_id_fields = ["comment", "user", "assigned_by"]


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    list_display = ["comment", "author", "created_at"]
    search_fields = ["text", "author__username"]
    list_select_related = ["comment", "author"]
    raw_id_fields = ["comment", "author"]


@admin.register(ResponseLetter)
class ResponseLetterAdmin(admin.ModelAdmin):
    list_display = ["letter", "signer_name", "signer_firm", "updated_at"]
    search_fields = ["signer_name", "signer_firm", "letterhead"]
    list_select_related = ["letter"]
    raw_id_fields = ["letter"]


class LetterStyleAdminForm(forms.ModelForm):
    class Meta:
        model = LetterStyle
        fields = ["company", *STYLE_VALUES, "letterhead_docx"]

    def clean_letterhead_docx(self):
        """A new letterhead is checked as on the style page: sizes first, then python-docx."""
        upload = self.cleaned_data.get("letterhead_docx")
        if upload and hasattr(upload, "content_type"):  # newly uploaded, not the stored one
            checked_letterhead(upload)
            upload.seek(0)
            self.instance.letterhead_name = upload.name[:255]
        return upload


@admin.register(LetterStyle)
class LetterStyleAdmin(admin.ModelAdmin):
    """The installation's default style is the one without a company."""

    form = LetterStyleAdminForm
    list_display = ["__str__", "salutation", "recital", "response_label", "sign_off"]
    list_select_related = ["company"]
    raw_id_fields = ["company"]


@admin.register(Export)
class ExportAdmin(admin.ModelAdmin):
    list_display = [
        "filename",
        "letter",
        "format",
        "version",
        "is_final",
        "created_by",
        "created_at",
    ]
    list_filter = ["format", "version", "is_final"]
    search_fields = ["filename", "sha256"]
    list_select_related = ["letter", "created_by"]
    raw_id_fields = ["letter", "created_by"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Failed deliveries show here with their error, so nothing is silently dropped."""

    list_display = ["created_at", "recipient", "kind", "subject", "status", "attempts", "day"]
    list_filter = ["status", "kind", "day"]
    search_fields = ["subject", "recipient__username", "last_error"]
    list_select_related = ["recipient"]
    raw_id_fields = ["recipient", "letter"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "daily_digest", "immediate_notices"]
    list_filter = ["daily_digest", "immediate_notices"]
    search_fields = ["user__username"]
    raw_id_fields = ["user"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only, so nobody adds, edits or deletes rows here."""

    list_display = ["created_at", "actor", "verb", "summary", "company"]
    list_filter = ["verb", "company"]
    search_fields = ["summary", "actor__username"]
    date_hierarchy = "created_at"
    list_select_related = ["actor", "company"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LetterUpload)
class LetterUploadAdmin(admin.ModelAdmin):
    """Read-mostly: uploads are made and closed in the app; here they are looked at or removed."""

    list_display = ["__str__", "company", "uploaded_by", "status", "letter", "created_at"]
    list_filter = ["status", "company"]
    search_fields = ["source_name", "source_sha256", "company__name", "uploaded_by__username"]
    date_hierarchy = "created_at"
    list_select_related = ["company", "uploaded_by", "letter"]
    exclude = ["parsed"]
    readonly_fields = [
        "company",
        "uploaded_by",
        "source_file",
        "source_name",
        "source_sha256",
        "received_on",
        "status",
        "message",
        "by_hand",
        "offer_by_hand",
        "letter",
        "created_at",
        "extracted_text",
    ]

    def has_add_permission(self, request):
        return False


@admin.register(SecClosure)
class SecClosureAdmin(admin.ModelAdmin):
    """Days the SEC closed besides federal holidays. Saving or deleting one moves the response
    dates of the open letters whose window spans it, and says so in their history."""

    list_display = ["day", "reason"]
    date_hierarchy = "day"

    def save_model(self, request, obj, form, change):
        previous = form.initial.get("day") if change else None
        moved = save_closure(obj, previous_day=previous, actor=request.user)
        self.message_user(request, f"{moved} open letter(s) got a new response date.")

    def delete_model(self, request, obj):
        remove_closures([obj], actor=request.user)

    def delete_queryset(self, request, queryset):
        remove_closures(list(queryset), actor=request.user)
