"""Fields of questions, the questions themselves and the /hoi-dap/ page that lists the answers.

What the asker sent (name, e-mail, phone, subject, text) is personal data: only moderators see it,
it is never indexed, listed, exported or logged, and `privacy.erase_personal_data` blanks it once the
question has been closed long enough. What the public sees is what a moderator wrote for publication:
a title, the question as published (without names or contact details) and the answer.
"""

from django.core.paginator import Paginator
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from portal.http import error_response
from portal.models import PortalPage
from portal.site_scoping import SiteScoped, for_site, own_first, site_of
from portal.transliteration import ascii_slug, fold

ANSWERS_PER_PAGE = 10
ANSWER_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class QuestionField(SiteScoped):
    """A field questions are filed under ("Thủ tục hành chính", "Sở hữu trí tuệ"), chosen by the asker:
    a department's own, or shared by every site."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        blank=True,
        help_text=_("The field's address on /hoi-dap/. Made from the name when left empty."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["site", "name"], name="unique_question_field_name_per_site"),
            models.UniqueConstraint(fields=["site", "slug"], name="unique_question_field_slug_per_site"),
        ]
        verbose_name = _("field of questions")
        verbose_name_plural = _("fields of questions")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = ascii_slug(self.name)[:100]
        super().save(*args, **kwargs)


class Kind(models.TextChoices):
    QUESTION = "question", _("Question")
    FEEDBACK = "feedback", _("Feedback")


class Status(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("question status", "Received")
    IN_PROGRESS = "in_progress", pgettext_lazy("question status", "Being answered")
    ANSWERED = "answered", pgettext_lazy("question status", "Answered")
    DECLINED = "declined", pgettext_lazy("question status", "Declined")


OPEN_STATUSES = (Status.RECEIVED, Status.IN_PROGRESS)
CLOSED_STATUSES = (Status.ANSWERED, Status.DECLINED)


class QuestionQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def published(self):
        """Answered questions, newest answer first: the only ones anything public reads."""
        return self.filter(status=Status.ANSWERED).order_by("-published_at", "-pk")

    def public_fields(self):
        """Only the columns the public pages show: the asker's data is never even read for them."""
        return self.select_related("field", "unit").only(
            "pk",
            "site",
            "kind",
            "title",
            "public_text",
            "answer",
            "received_at",
            "published_at",
            "status",
            "field__name",
            "field__slug",
            "unit__name",
        )


class Question(index.Indexed, SiteScoped):
    """A question or feedback sent on a department's site (its `site`), answered and published there."""

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.QUESTION)
    field = models.ForeignKey(
        QuestionField,
        verbose_name=_("field"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    # What the asker sent: personal data, erased by `manage.py purge_questions`.
    asker_name = models.CharField(_("name"), max_length=100, blank=True)
    asker_email = models.EmailField(_("e-mail"), max_length=200, blank=True)
    asker_phone = models.CharField(_("phone"), max_length=20, blank=True)
    subject = models.CharField(_("subject as sent"), max_length=200, blank=True)
    text = models.TextField(_("question as sent"), blank=True)
    consented_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    personal_data_erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)
    # Bookkeeping: digests only (see codes.py), never the code or the nonce themselves.
    code_digest = models.CharField(max_length=64, unique=True, editable=False)
    # Null once erased: unique among the questions that still have one.
    submission_digest = models.CharField(max_length=64, unique=True, null=True, editable=False)  # noqa: DJ001
    content_digest = models.CharField(max_length=64, blank=True, editable=False)
    language = models.CharField(max_length=8, default="vi", editable=False)  # of the form, for the e-mails
    received_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    unit = models.ForeignKey(
        "about.Unit",
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
        help_text=_("The unit that prepares the answer."),
    )
    # What the public sees once the answer is published.
    title = models.CharField(
        _("title as published"),
        max_length=200,
        blank=True,
        help_text=_("A title for the public page, without the asker's name."),
    )
    public_text = models.TextField(
        _("question as published"),
        blank=True,
        help_text=_(
            "The question as the public will read it: remove names, addresses, phone numbers and anything else that identifies a person."
        ),
    )
    answer = RichTextField(_("answer"), blank=True, features=ANSWER_FEATURES)
    decline_reason = models.TextField(
        _("reason for declining"),
        blank=True,
        help_text=_("Shown to the asker in the look-up by tracking code, and e-mailed to them."),
    )
    published_at = models.DateTimeField(_("answer published"), null=True, blank=True, db_index=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, db_index=True)

    objects = QuestionQuerySet.as_manager()

    # Only what is published, and only for answered questions (see get_indexed_objects).
    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("public_text"),
        index.SearchField("answer_text"),
        index.SearchField("search_title_folded", boost=3),
        index.AutocompleteField("search_title_folded"),
        index.SearchField("search_text_folded"),
        index.FilterField("status"),
        index.FilterField("field_id"),
        index.FilterField("site_id"),
        index.FilterField("published_at"),
    ]

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="answered") | models.Q(published_at__isnull=False),
                name="questions_answered_has_publication_date",
            )
        ]

    def __str__(self) -> str:
        # Wagtail's admin writes this into its history: never the asker's name or what they sent.
        label = gettext("Question no. %(number)s") % {"number": self.pk or "–"}
        return f"{label}: {self.title}" if self.title else label

    @classmethod
    def get_indexed_objects(cls):
        return cls.objects.filter(status=Status.ANSWERED)

    def queue_title(self) -> str:
        """The question in the moderators' queue: its number, and its public title once written, else
        the subject that was sent."""
        label = self.title or self.subject or gettext("(erased)")
        return f"{self.pk}. {label}"

    queue_title.short_description = _("subject")

    @property
    def is_published(self) -> bool:
        return self.status == Status.ANSWERED

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def answer_text(self) -> str:
        return strip_tags(self.answer)

    def search_title_folded(self) -> str:
        return fold(self.title)

    def search_text_folded(self) -> str:
        return fold(f"{self.public_text} {strip_tags(self.answer)}")

    def public_url(self, page: "QuestionsPage", request=None) -> str:
        """Its answer's address on `page` (relative on the request's own site, full on another)."""
        return page.get_url(request) + page.reverse_subpage("answer", args=[self.pk])

    def full_url(self, page: "QuestionsPage", request=None) -> str:
        """Its answer's full address on `page`: for links that leave the site (the hub, the API)."""
        return page.get_full_url(request) + page.reverse_subpage("answer", args=[self.pk])


class QuestionsPage(RoutablePageMixin, PortalPage):
    """/hoi-dap/: published answers by field, each on a page of its own; links to the form and look-up.

    The form and the look-up themselves are plain views at /hoi-dap/gui-cau-hoi/ and /hoi-dap/tra-cuu/
    (`portal.questions.views`): they take posts from visitors without a session or a cookie.
    """

    intro = models.TextField(_("introduction"), blank=True)
    summary_field = "intro"

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "questions/questions_page.html"

    class Meta:
        verbose_name = _("questions and answers section")
        verbose_name_plural = _("questions and answers sections")

    @path("")
    def answers(self, request):
        return self.render_answers(request, field=None)

    @path("linh-vuc/<str:slug>/", name="field")
    def answers_in_field(self, request, slug):
        field = (
            own_first(for_site(QuestionField.objects.filter(slug=slug), site_of(self))).first()
            if "\x00" not in slug
            else None
        )
        if field is None:
            return error_response(
                request, gettext("There is no field “%(slug)s”.") % {"slug": slug[:60]}, status=404
            )
        return self.render_answers(request, field=field)

    def render_answers(self, request, *, field):
        questions = for_site(Question.objects.published().public_fields(), site_of(self))
        if field:
            questions = questions.filter(field=field)
        raw_number = request.GET.get("page", "1")
        try:
            number = int(raw_number)
        except ValueError:
            return error_response(
                request, gettext("“%(page)s” is not a page number.") % {"page": raw_number[:20]}, 400
            )
        paginator = Paginator(questions, ANSWERS_PER_PAGE, allow_empty_first_page=True)
        if not 1 <= number <= paginator.num_pages:
            return error_response(
                request,
                gettext("Page %(number)s does not exist: this list has %(pages)s pages.")
                % {"number": number, "pages": paginator.num_pages},
                404,
            )
        counts = dict(
            for_site(Question.objects.filter(status=Status.ANSWERED), site_of(self))
            .order_by()
            .values_list("field_id")
            .annotate(count=models.Count("pk"))
        )
        return self.render(
            request,
            context_overrides={
                "fields": [
                    (item, counts.get(item.pk, 0))
                    for item in for_site(QuestionField.objects.all(), site_of(self))
                ],
                "field": field,
                "page_obj": paginator.page(number),
                "page_links": paginator.get_elided_page_range(number, on_each_side=2, on_ends=1),
                # Each listing (a field, a page of it) is its own canonical address.
                "canonical_url": self.lazy_canonical_url(request, [("page", number)] if number > 1 else []),
            },
        )

    @path("<int:pk>/", name="answer")
    def answer(self, request, pk):
        question = for_site(Question.objects.published().public_fields(), site_of(self)).filter(pk=pk).first()
        if question is None:
            return error_response(
                request, gettext("There is no published answer number %(number)s.") % {"number": pk}, 404
            )
        return self.render(
            request,
            template="questions/answer_page.html",
            context_overrides={
                "question": question,
                "meta_description": question.title,
                "canonical_url": self.lazy_canonical_url(request),
            },
        )

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        for pk, published_at in Question.objects.published().values_list("pk", "published_at"):
            urls.append(
                {
                    "location": base + self.reverse_subpage("answer", args=[pk]).lstrip("/"),
                    "lastmod": published_at,
                }
            )
        return urls
