"""What the moderators' actions do to a question: save, publish the answer, decline, withdraw the answer.

Publishing and withdrawing change what the public sees, so they purge the page cache and update the
search index (which holds answered questions only, and only their published text).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.search.index import remove_object

from portal.caching.generation import purge
from portal.questions import notifications
from portal.questions.models import Question, QuestionsPage, Status


def answer_url(question: Question, request=None) -> str:
    """The answer's full address, for the e-mail (the questions section is one per installation)."""
    page = QuestionsPage.objects.live().first()
    if page is None:
        return ""
    return page.get_full_url(request) + page.reverse_subpage("answer", args=[question.pk]).lstrip("/")


def lookup_url(request=None) -> str:
    path = reverse("questions:lookup")
    return request.build_absolute_uri(path) if request else path


@transaction.atomic
def save(question: Question) -> Question:
    """Keep the moderator's work; a question with a unit or a draft answer is being answered."""
    was_public = Question.objects.filter(pk=question.pk, status=Status.ANSWERED).exists()
    if question.status == Status.RECEIVED and (question.unit_id or strip_tags(question.answer or "").strip()):
        question.status = Status.IN_PROGRESS
    question.save()
    if was_public:
        purge()
    return question


def missing_for_publication(question: Question) -> dict[str, str]:
    """What a moderator still has to write before the answer can go public, by field."""
    problems = {}
    if not question.title.strip():
        problems["title"] = _("Give the question a title for the public page.")
    if not question.public_text.strip():
        problems["public_text"] = _("Write the question as the public will read it.")
    if not strip_tags(question.answer or "").strip():
        problems["answer"] = _("Write the answer.")
    return problems


@transaction.atomic
def publish(question: Question, request=None) -> Question:
    if problems := missing_for_publication(question):
        raise ValidationError(problems)
    first_time = question.published_at is None
    now = timezone.now()
    question.status = Status.ANSWERED
    question.published_at = question.published_at or now
    question.closed_at = question.closed_at or now
    question.decline_reason = ""
    question.save()  # Wagtail's signal handler indexes it: it is answered now
    purge()
    if first_time:
        notifications.tell_answered(question, answer_url(question, request))
    return question


@transaction.atomic
def decline(question: Question, request=None) -> Question:
    if not question.decline_reason.strip():
        raise ValidationError({"decline_reason": _("Say why the question is declined: the asker is told.")})
    was_public = (
        question.status == Status.ANSWERED
        or Question.objects.filter(pk=question.pk, status=Status.ANSWERED).exists()
    )
    question.status = Status.DECLINED
    question.closed_at = timezone.now()
    question.save()
    remove_object(question)
    if was_public:
        purge()
    notifications.tell_declined(question, lookup_url(request))
    return question


@transaction.atomic
def withdraw(question: Question) -> Question:
    """Take a published answer off the portal; the question is being answered again."""
    question.status = Status.IN_PROGRESS
    question.closed_at = None
    question.save()
    remove_object(question)
    purge()
    return question
