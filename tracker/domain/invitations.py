"""The e-mails that bring people into a company's team: a link to set a password for someone
new, a notice for someone who already has an account.

The link is Django's own password-reset token (`PasswordResetTokenGenerator`) under a salt of
its own: it holds the user's id and a timestamp signed with SECRET_KEY, and a hash of his
password and last login, so it works once (setting the password changes the hash) and only
until settings.PASSWORD_RESET_TIMEOUT (INVITATION_DAYS, a week by default) has passed.
"""

import logging
import smtplib

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tracker.models import Company, Membership

from .notifications import absolute, rendered_mail

logger = logging.getLogger(__name__)


class InvitationTokens(PasswordResetTokenGenerator):
    """Invitation links, apart from any password-reset link: another salt, same machinery."""

    key_salt = "tracker.domain.invitations.InvitationTokens"


invitation_tokens = InvitationTokens()


def invitation_link(user: AbstractBaseUser) -> str:
    """The absolute address at which `user` sets his password (once, before it expires)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("invitation", args=[uid, invitation_tokens.make_token(user)])
    return absolute(path)


def tell(membership: Membership, *, inviter: AbstractBaseUser, with_link: bool) -> bool:
    """E-mail the new member: the set-password link when he has no password yet, else a notice
    that he joined. Returns False, after logging why, when the mail could not be handed over
    (the membership stays; the Team page offers to send the invitation again)."""
    user, company = membership.user, membership.company
    context = {
        "user": user,
        "company": company,
        "role": membership.get_role_display(),
        "inviter": inviter.get_full_name() or inviter.get_username(),
        "days": settings.PASSWORD_RESET_TIMEOUT // 86400,
        "link": invitation_link(user) if with_link else absolute(reverse("my_work")),
    }
    subject, body = rendered_mail("invited" if with_link else "joined", context)
    return deliver(subject, body, user, company)


def deliver(subject: str, body: str, user: AbstractBaseUser, company: Company) -> bool:
    try:
        send_mail(subject, body, None, [user.email])
    except (OSError, smtplib.SMTPException):
        logger.exception("The e-mail to %s about %s's team could not be sent", user.pk, company)
        return False
    return True
