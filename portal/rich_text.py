"""The rich text editor of the admin, checked: malformed input is a form error, not a server error.

Draftail posts each rich text field as JSON ("contentstate") that Wagtail converts to HTML while it
reads the form data, before any validation: input that is not JSON, or JSON of another shape, raised
there and the page editor answered 500. `CheckedDraftailRichTextArea` (the default editor, through
`WAGTAILADMIN_RICH_TEXT_EDITORS`) keeps such input as a `MalformedRichText` value instead. Reading it as
text, which every validation of a text field does first (Django's `CharField.to_python`, hence Wagtail's
`RichTextField` and `RichTextBlock`), raises a `ValidationError`: the error lands on the field, or on the
StreamField block, the form comes back in the editor with the message, and nothing is saved. Drawn again,
the field starts empty.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.rich_text import DraftailRichTextArea

MALFORMED_MESSAGE = _(
    "The formatted text sent by the editor could not be read. Reload the page and enter it again."
)


class MalformedRichText:
    """Rich text input that was not a Draftail document: an error as soon as it is read as text."""

    def __init__(self, raw: str):
        self.raw = raw

    def __bool__(self) -> bool:
        return True  # something was sent: not the same as an empty field

    def __str__(self) -> str:
        raise ValidationError(MALFORMED_MESSAGE, code="malformed_rich_text")

    def __repr__(self) -> str:
        return f"MalformedRichText({self.raw[:40]!r})"


class CheckedDraftailRichTextArea(DraftailRichTextArea):
    """Wagtail's Draftail editor; what it cannot convert comes back as a `MalformedRichText`."""

    def value_from_datadict(self, data, files, name):
        try:
            return super().value_from_datadict(data, files, name)
        except Exception:  # noqa: BLE001 - any failure to convert the posted JSON means it was malformed
            return MalformedRichText(str(data.get(name, "")))

    def format_value(self, value):
        if isinstance(value, MalformedRichText):
            value = ""
        return super().format_value(value)
