"""The question form (/hoi-dap/gui-cau-hoi/) and the look-up by tracking code (/hoi-dap/tra-cuu/).

Plain views rather than routes of the /hoi-dap/ page: they take posts from visitors who have no
session and get no cookie, so Django's CSRF check (which needs one) is replaced by the form's signed,
timed, single-use token (`forms.read_token`); neither form acts on anyone's behalf. Their answers are
never kept by a shared cache: each form carries its own token, and a tracking code is shown once.
"""

import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError, transaction
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from portal.questions import codes, moderation, notifications
from portal.questions.forms import HONEYPOT, LookupForm, QuestionForm, SpamRefused, new_token, read_token
from portal.questions.models import Question, QuestionsPage, Status
from portal.ratelimit import over_limit

logger = logging.getLogger(__name__)


def questions_page(request) -> QuestionsPage | None:
    """The /hoi-dap/ page of the request's site: the form and look-up show as part of it."""
    site = Site.find_for_request(request)
    pages = QuestionsPage.objects.live()
    if site is not None:
        pages = pages.descendant_of(site.root_page)
    return pages.first()


def respond(request, template: str, context: dict, status: int = 200, *, keep: bool = False):
    page = questions_page(request)
    response = TemplateResponse(
        request,
        template,
        {"page": page, "canonical_url": request.build_absolute_uri(request.path), **context},
        status=status,
    )
    if keep:
        # The empty form: each visitor gets a token of their own, so no shared cache may keep it.
        patch_cache_control(response, private=True, max_age=0)
    else:
        add_never_cache_headers(response)  # a tracking code, a status, a refusal: nowhere but here
    return response


def form_page(request, form, *, message: str = "", status: int = 200):
    return respond(
        request,
        "questions/ask_page.html",
        {"form": form, "refusal": message, "honeypot": form[HONEYPOT]},
        status,
        keep=request.method == "GET",
    )


def refuse(request, data, message: str, status: int, *, fresh_token: bool = False, retry_after: int = 0):
    """The form back, filled in as it was sent, with a message that says why it was not taken."""
    data = data.copy()
    data[HONEYPOT] = ""
    if fresh_token:
        data["token"] = new_token()
    response = form_page(
        request, QuestionForm(data, site=Site.find_for_request(request)), message=message, status=status
    )
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


@csrf_exempt
@require_http_methods(["GET", "POST"])
def ask(request):
    if request.method == "GET":
        return form_page(
            request, QuestionForm(initial={"token": new_token()}, site=Site.find_for_request(request))
        )
    try:
        data = request.POST
    except RequestDataTooBig:
        return form_page(
            request,
            QuestionForm(initial={"token": new_token()}, site=Site.find_for_request(request)),
            message=_("What you sent is far too large for a question. Please shorten it and send it again."),
            status=413,
        )
    if int(request.META.get("CONTENT_LENGTH") or 0) > settings.QUESTIONS_MAX_REQUEST_BYTES:
        return refuse(
            request,
            data,
            _("What you sent is too large for a question. Please shorten it and send it again."),
            413,
        )
    try:
        token = read_token(data.get("token", ""))
    except SpamRefused as refusal:
        return refuse(request, data, str(refusal), 400, fresh_token=refusal.fresh_token)
    if data.get(HONEYPOT, "").strip():
        return refuse(
            request,
            data,
            _(
                "A field meant to stay empty (“Leave this field empty”) was filled in, as robots do. If you are a person, leave it empty and send the form again."
            ),
            400,
        )
    form = QuestionForm(data, site=Site.find_for_request(request))
    if not form.is_valid():
        return form_page(
            request,
            form,
            message=_("Some answers need correcting: see the messages by each field."),
            status=400,
        )

    submission = codes.digest(token.nonce)
    fingerprint = form.fingerprint(token.nonce)
    if sent := Question.objects.filter(submission_digest=submission).only("content_digest").first():
        return sent_again(request, data, token, sent, fingerprint)
    if over_limit(request, "questions", per_hour=settings.QUESTIONS_RATE_PER_HOUR):
        return refuse(
            request,
            data,
            _(
                "Many questions have come from your address in the last hour. Please wait an hour and send it again, or call the agency."
            ),
            429,
            retry_after=3600,
        )
    code = codes.code_for(token.nonce)
    try:
        with transaction.atomic():
            question = Question.objects.create(
                site=Site.find_for_request(request),
                kind=form.cleaned_data["kind"],
                field=form.cleaned_data["field"],
                asker_name=form.cleaned_data["name"],
                asker_email=form.cleaned_data["email"],
                asker_phone=form.cleaned_data["phone"],
                subject=form.cleaned_data["subject"],
                text=form.cleaned_data["text"],
                consented_at=timezone.now(),
                code_digest=codes.digest(code),
                submission_digest=submission,
                content_digest=fingerprint,
                language=get_language() or settings.LANGUAGE_CODE,
            )
            notifications.tell_received(question, code, moderation.lookup_url(request))
    except IntegrityError:  # the same form, sent twice at the same moment: the other request kept it
        sent = Question.objects.filter(submission_digest=submission).only("content_digest").first()
        if sent is None:
            raise
        return sent_again(request, data, token, sent, fingerprint)
    logger.info("Question %s received", question.pk)
    return received(request, question, code)


def received(request, question, code: str):
    return respond(
        request,
        "questions/received_page.html",
        {"code": codes.display(code), "emailed": bool(question.asker_email)},
    )


def sent_again(request, data, token, sent, fingerprint: str):
    """The same form came back: the same question again gets the same answer; a changed one is refused."""
    if sent.content_digest == fingerprint:
        return received(request, sent, codes.code_for(token.nonce))
    return refuse(
        request,
        data,
        _(
            "This form has already been used to send a question. To send this one as a new question, press “Send” again."
        ),
        409,
        fresh_token=True,
    )


STATUS_EXPLANATIONS = {
    Status.RECEIVED: gettext_lazy("Your question has been received and is waiting to be assigned to a unit."),
    Status.IN_PROGRESS: gettext_lazy("A unit of the agency is preparing the answer."),
    Status.ANSWERED: gettext_lazy("The answer has been published."),
    Status.DECLINED: gettext_lazy("The agency has declined to answer this question."),
}


@csrf_exempt
@require_http_methods(["GET", "POST"])
def lookup(request):
    if request.method == "GET":
        return respond(request, "questions/lookup_page.html", {"form": LookupForm()}, keep=True)
    form = LookupForm(request.POST)
    if over_limit(request, "question-lookup", per_minute=settings.QUESTIONS_LOOKUP_RATE_PER_MINUTE):
        response = respond(
            request,
            "questions/lookup_page.html",
            {"form": form, "refusal": _("Too many look-ups from your address; wait a minute and try again.")},
            429,
        )
        response["Retry-After"] = "60"
        return response
    code = codes.normalise(form.data.get("code", "")) if form.is_valid() else None
    if code is None:
        return respond(
            request,
            "questions/lookup_page.html",
            {
                "form": form,
                "refusal": _("A tracking code has twelve letters and digits, for example 7K3M-Q9XA-2PBT."),
            },
            400,
        )
    question = (
        Question.objects.filter(code_digest=codes.digest(code))
        .only("pk", "status", "decline_reason", "published_at")
        .first()
    )
    if question is None:
        return respond(
            request,
            "questions/lookup_page.html",
            {
                "form": form,
                "refusal": _("No question has this tracking code. Check it against the one you were given."),
            },
            404,
        )
    page = questions_page(request)
    return respond(
        request,
        "questions/lookup_page.html",
        {
            "form": form,
            "found": {
                "code": codes.display(code),
                "status": question.get_status_display(),
                "status_value": question.status,
                "explanation": STATUS_EXPLANATIONS[question.status],
                "reason": question.decline_reason if question.status == Status.DECLINED else "",
                "answer_url": question.public_url(page, request) if page and question.is_published else "",
            },
        },
    )
