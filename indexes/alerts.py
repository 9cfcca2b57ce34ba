"""E-mail alerts of figure events: double opt-in, one-click unsubscribe, mails sent by the worker.

A reader subscribes an address to an agency or to new editions (`indexes/alert_views.py`); the address
gets a confirmation link and nothing else until it is followed. Confirmed addresses are told when an
edition is first published (those following new editions, and those following an agency it ranks),
when a result of an agency they follow is corrected, and when the agency's online-service counts are
first published. Every alert carries its own unsubscribe link, also as RFC 8058 `List-Unsubscribe` and
`List-Unsubscribe-Post` headers, so a mail program's "unsubscribe" button works in one click.

Links carry a signed token (the subscription's id and nonce; a confirmation link expires after
`ALERTS_CONFIRM_DAYS`), so nothing secret is stored beyond the nonce, and a deleted subscription's
links stop working. Mails go through `portal.mail.queue_email` after the transaction commits.
"""

import datetime
import logging

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext
from wagtail.models import Site

from indexes import formatting
from indexes.models import AlertSubscription, Correction, IndexEdition, IndexesPage, ServiceCount
from indexes.models.figures import ProcedureList, corrections_created
from portal.mail import forget_sent_emails, queue_email

logger = logging.getLogger(__name__)

CONFIRM_SALT = "indexes.alerts.confirm"
UNSUBSCRIBE_SALT = "indexes.alerts.unsubscribe"


# Tokens -------------------------------------------------------------------------------------------


def token_for(subscription: AlertSubscription, salt: str) -> str:
    return signing.dumps({"s": subscription.pk, "n": subscription.nonce}, salt=salt, compress=True)


def subscription_for(token: str, salt: str, *, max_age: datetime.timedelta | None = None):
    """The subscription a link's token names, or None (tampered, expired, or since deleted)."""
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:  # SignatureExpired is one too
        return None
    if not isinstance(data, dict):
        return None
    return (
        AlertSubscription.objects.filter(pk=data.get("s"), nonce=data.get("n"))
        .select_related("agency")
        .first()
    )


def confirm_max_age() -> datetime.timedelta:
    return datetime.timedelta(days=settings.ALERTS_CONFIRM_DAYS)


# Addresses of links in mails ----------------------------------------------------------------------------


def site_root() -> str:
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else ""


def absolute(path: str) -> str:
    return site_root().rstrip("/") + path


def confirm_url(subscription: AlertSubscription) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return absolute(reverse("alerts:confirm", args=[token_for(subscription, CONFIRM_SALT)]))


def unsubscribe_url(subscription: AlertSubscription) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return absolute(reverse("alerts:unsubscribe", args=[token_for(subscription, UNSUBSCRIBE_SALT)]))


def topic_name(subscription: AlertSubscription) -> str:
    if subscription.agency_id is None:
        return gettext("new editions of the reform index")
    return gettext("the figures of %(agency)s") % {"agency": subscription.agency.name}


# Mails --------------------------------------------------------------------------------------------------


def ask_to_confirm(subscription: AlertSubscription) -> None:
    """Send the confirmation link (the only mail an unconfirmed address ever gets)."""
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "indexes/alerts/email/confirm.txt",
            {
                "topic": topic_name(subscription),
                "url": confirm_url(subscription),
                "days": settings.ALERTS_CONFIRM_DAYS,
            },
        )
        subject = gettext("Confirm your e-mail alerts")
    to = subscription.email
    transaction.on_commit(lambda: queue_email(to=[to], subject=subject, body=body))


def send_alert(subscriptions, *, subject: str, lines: list[str], url: str) -> int:
    """Queue one alert to each confirmed subscription, each with its own unsubscribe link; return how many."""
    sent = 0
    for subscription in subscriptions:
        link = unsubscribe_url(subscription)
        with translation.override(settings.LANGUAGE_CODE):
            body = render_to_string(
                "indexes/alerts/email/alert.txt",
                {"lines": lines, "url": url, "unsubscribe_url": link, "topic": topic_name(subscription)},
            )
        headers = {
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
        to = subscription.email
        transaction.on_commit(
            lambda to=to, body=body, headers=headers: queue_email(
                to=[to], subject=subject, body=body, headers=headers
            )
        )
        sent += 1
    if sent:
        logger.info("Queued %s figure alerts: %s", sent, subject)
    return sent


def confirmed():
    return AlertSubscription.objects.filter(confirmed_at__isnull=False).select_related("agency")


def section_url(build) -> str:
    """The absolute address of a view of the reform-index section, `build(section)` giving its path."""
    section = IndexesPage.objects.live().order_by("path").first()
    if section is None:
        return site_root()
    with translation.override(settings.LANGUAGE_CODE):
        path = build(section)
    return path if path.startswith("http") else absolute(path)


def edition_published(edition: IndexEdition) -> int:
    """Alert those following new editions and those following an agency the edition ranks."""
    agencies = edition.results.values("agency_id")
    subscriptions = confirmed().filter(agency__isnull=True) | confirmed().filter(agency_id__in=agencies)
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("Published: %(edition)s") % {"edition": edition.title}
        lines = [
            gettext("%(edition)s (%(series)s) has been published.")
            % {"edition": edition.title, "series": edition.series}
        ]
        if edition.decision_number:
            lines.append(gettext("Decision %(number)s") % {"number": edition.decision_number})
    return send_alert(
        subscriptions.distinct(),
        subject=subject,
        lines=lines,
        url=section_url(lambda s: s.edition_url(edition)),
    )


def result_corrected(correction: Correction, subscriptions=None) -> int:
    """Alert those following the agency whose published result was corrected (`subscriptions`: those
    already read for it)."""
    result = correction.result
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("Corrected: %(agency)s in %(edition)s") % {
            "agency": result.agency.name,
            "edition": result.edition.title,
        }
        lines = [
            f"{capfirst(figure)}: {formatting.points(before)} → {formatting.points(after)}"
            for figure, before, after in correction.readable_changes()
        ]
    return send_alert(
        confirmed().filter(agency_id=result.agency_id) if subscriptions is None else subscriptions,
        subject=subject,
        lines=lines,
        url=section_url(lambda s: s.edition_url(result.edition)),
    )


def results_corrected(corrections: list[Correction]) -> int:
    """`result_corrected` for corrections written in bulk (an import): the followers of all their agencies
    read in one query, and only the corrections somebody follows go further."""
    agency_ids = {correction.result.agency_id for correction in corrections}
    following: dict[int, list[AlertSubscription]] = {}
    for subscription in confirmed().filter(agency_id__in=agency_ids):
        following.setdefault(subscription.agency_id, []).append(subscription)
    return sum(
        result_corrected(correction, following[correction.result.agency_id])
        for correction in corrections
        if correction.result.agency_id in following
    )


def services_published(count: ServiceCount) -> int:
    """Alert those following the agency whose online-service counts were published."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("Online services of %(agency)s, %(period)s") % {
            "agency": count.agency.name,
            "period": count.period_label or count.as_of.strftime("%d/%m/%Y"),
        }
        lines = [
            gettext("%(online)s of %(total)s procedures online")
            % {"online": "–" if count.online is None else count.online, "total": count.total_procedures}
        ]
    return send_alert(
        confirmed().filter(agency_id=count.agency_id),
        subject=subject,
        lines=lines,
        url=section_url(lambda s: s.agency_url(count.agency)),
    )


def procedures_published(procedure_list: ProcedureList) -> int:
    """Alert those following the agency whose list of procedures was published (its online count with it)."""
    counts = procedure_list.counts()
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("Procedure list of %(agency)s, as of %(date)s") % {
            "agency": procedure_list.agency.name,
            "date": procedure_list.as_of.strftime("%d/%m/%Y"),
        }
        lines = [
            gettext("%(online)s of %(total)s procedures online")
            % {"online": counts.online, "total": counts.total}
        ]
    return send_alert(
        confirmed().filter(agency_id=procedure_list.agency_id),
        subject=subject,
        lines=lines,
        url=section_url(lambda s: s.agency_url(procedure_list.agency)),
    )


# Signals (connected in IndexesConfig.ready) -------------------------------------------------------------


def on_published(sender, instance, **kwargs) -> None:
    """Wagtail's `published` signal: alerts on an edition's, a service count's or a procedure list's first
    publication."""
    if instance.first_published_at != instance.last_published_at:
        return  # published again after an edit: corrections tell what changed
    if isinstance(instance, IndexEdition):
        edition_published(instance)
    elif isinstance(instance, ServiceCount):
        services_published(instance)
    elif isinstance(instance, ProcedureList):
        procedures_published(instance)


def on_correction(sender, instance, created, **kwargs) -> None:
    if created:
        result_corrected(instance)


def on_corrections(sender, corrections, **kwargs) -> None:
    results_corrected(corrections)


def connect() -> None:
    from django.db.models.signals import post_save
    from wagtail.signals import published

    published.connect(on_published, sender=IndexEdition, dispatch_uid="indexes-alerts-edition")
    published.connect(on_published, sender=ServiceCount, dispatch_uid="indexes-alerts-services")
    published.connect(on_published, sender=ProcedureList, dispatch_uid="indexes-alerts-procedures")
    post_save.connect(on_correction, sender=Correction, dispatch_uid="indexes-alerts-correction")
    corrections_created.connect(on_corrections, sender=Correction, dispatch_uid="indexes-alerts-corrections")


# Keeping addresses only as long as needed ---------------------------------------------------------------


def purge(now=None) -> tuple[int, int]:
    """Delete unconfirmed subscriptions older than ALERTS_CONFIRM_DAYS and the worker's sent mails.

    Returns (subscriptions deleted, mail records deleted).
    """
    now = now or timezone.now()
    deleted, _ = AlertSubscription.objects.filter(
        confirmed_at__isnull=True, created_at__lt=now - confirm_max_age()
    ).delete()
    return deleted, forget_sent_emails()
