"""Forms of Wagtail's admin that the portal adjusts."""

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.forms.auth import LoginForm
from wagtail.admin.widgets.slug import SlugInput

from portal.transliteration import ascii_slug, fold_char


class PortalLoginForm(LoginForm):
    """Wagtail's login form, with a password label that can be translated.

    Wagtail's own declares the field without a label, so Django shows the untranslatable "Password"
    made from the field's name; and its user name placeholder reads as one word in Vietnamese.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
        # Wagtail builds the placeholder from the field's capitalised name ("Nhập Tên đăng nhập…").
        self.fields["username"].widget.attrs["placeholder"] = _("Enter your user name")


def _vietnamese_letters() -> list[tuple[str, str]]:
    """[(regex, letter)]: every Vietnamese letter with marks, grouped by the plain letter it becomes."""
    vowels = "aăâeêioôơuưy"
    tones = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
    groups: dict[str, set[str]] = {}
    for vowel in vowels + vowels.upper():
        for tone in ["", *tones]:
            letter = unicodedata.normalize("NFC", vowel + tone)
            if letter != vowel or not vowel.isascii():
                groups.setdefault(
                    fold_char(letter) if letter.islower() else fold_char(letter).upper(), set()
                ).add(letter)
    groups.setdefault("d", set()).update("đð")
    groups.setdefault("D", set()).update("ĐÐ")
    return [(f"[{''.join(sorted(letters))}]", plain) for plain, letters in sorted(groups.items())] + [
        ("[\u0300-\u036f]", "")  # marks typed as separate characters
    ]


# Wagtail's slug script knows no Vietnamese ("Sở" became "s", "đ" "dj"): these run first, in the browser.
VIETNAMESE_SLUG_FORMATTERS = _vietnamese_letters()


class PortalPageForm(WagtailAdminPageForm):
    """Every page's admin form: addresses in plain ASCII, and a slug clash that names the other page.

    The editor's script (Wagtail's `w-slug`, with `WAGTAIL_ALLOW_UNICODE_SLUGS = False`) already writes
    the slug without marks as the title is typed; this is the server's fallback for a slug typed or
    sent with diacritics ("sở-tổ-chức" → "so-to-chuc", đ → d). A page keeps the slug it already has.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].widget = SlugInput(formatters=VIETNAMESE_SLUG_FORMATTERS, locale="vi")

    def clean(self):
        slug = self.cleaned_data.get("slug")
        if slug and not slug.isascii() and slug != self._saved_slug():
            slug = self.cleaned_data["slug"] = ascii_slug(slug)
        if slug and self.parent_page is not None:
            other = (
                self.parent_page.get_children()
                .filter(slug=slug)
                .exclude(pk=self.instance.pk)
                .only("title", "draft_title")
                .first()
            )
            if other is not None:
                # Said here, naming the page, so Wagtail's own check finds no slug left to repeat it.
                self.add_error(
                    "slug",
                    forms.ValidationError(
                        _(
                            "The address “%(slug)s” is already used by the page “%(title)s” in the same "
                            "section. Change this page's address in the Promote tab, or delete the other "
                            "page if it is an abandoned draft."
                        )
                        % {"slug": slug, "title": other.draft_title or other.title},
                        code="slug_in_use",
                    ),
                )
        return super().clean()

    def _saved_slug(self) -> str | None:
        if not self.instance.pk:
            return None
        return type(self.instance).objects.filter(pk=self.instance.pk).values_list("slug", flat=True).first()
