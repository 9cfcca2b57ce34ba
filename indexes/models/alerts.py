"""E-mail alerts: a reader's subscription to an agency's figures or to new editions.

An address is kept only while it is needed: unconfirmed subscriptions are deleted after
`ALERTS_CONFIRM_DAYS` (`manage.py purge_alerts`), and unsubscribing deletes the row at once. Addresses
are shown nowhere, listed nowhere and never logged.
"""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


def new_nonce() -> str:
    return secrets.token_urlsafe(24)


class AlertSubscription(models.Model):
    """One address following one agency (or, with no agency, every new edition)."""

    email = models.EmailField(_("e-mail address"))
    agency = models.ForeignKey(
        "indexes.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.CASCADE,
        help_text=_("Empty: every new edition."),
    )
    # Part of every link sent to the address: a link of a deleted subscription never works again.
    nonce = models.CharField(max_length=40, unique=True, default=new_nonce, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail alert")
        verbose_name_plural = _("e-mail alerts")
        constraints = [
            models.UniqueConstraint(fields=["email", "agency"], name="one_alert_per_agency"),
            models.UniqueConstraint(
                fields=["email"], condition=models.Q(agency__isnull=True), name="one_alert_for_editions"
            ),
        ]

    def __str__(self) -> str:  # never the address
        return f"#{self.pk}"
