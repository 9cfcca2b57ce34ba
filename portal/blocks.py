"""StreamField blocks shared by the portal's pages and site settings."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError


class HeadingBlock(blocks.StructBlock):
    """A section heading; the level keeps the page outline valid for screen readers."""

    text = blocks.CharBlock(label=_("Text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "portal/blocks/heading_block.html"
        preview_value = {"text": "Cải cách hành chính năm 2024", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    """Rich text with the formatting an article needs and nothing that breaks the layout."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"])
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "portal/blocks/paragraph_block.html"
        preview_value = "<p>Sở đã cung cấp dịch vụ công trực tuyến cho 19 trên 55 thủ tục hành chính.</p>"


class NoticeBlock(blocks.StructBlock):
    """A highlighted announcement with an optional link, for the home page and articles."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    text = blocks.TextBlock(label=_("Text"))
    link_page = blocks.PageChooserBlock(label=_("Link to a page"), required=False)
    link_label = blocks.CharBlock(label=_("Link text"), required=False, max_length=100)

    class Meta:
        icon = "warning"
        label = _("Notice")
        template = "portal/blocks/notice_block.html"
        preview_value = {
            "title": "Lịch tiếp công dân",
            "text": "Lãnh đạo Sở tiếp công dân vào sáng thứ Năm hằng tuần tại trụ sở.",
        }


class NavigationLinkValue(blocks.StructValue):
    """A menu entry's text, whichever kind of link it is."""

    def text(self) -> str:
        page = self.get("page")
        return self.get("label") or (page.title if page else "")


class NavigationLinkBlock(blocks.StructBlock):
    """A menu entry: a page of this site or an external address, with an optional label."""

    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("External address"), required=False)
    label = blocks.CharBlock(
        label=_("Label"),
        required=False,
        max_length=60,
        help_text=_("Defaults to the page title. Required for an external address."),
    )

    class Meta:
        icon = "link"
        label = _("Link")
        value_class = NavigationLinkValue
        template = "portal/blocks/navigation_link_block.html"
        preview_value = {"url": "https://dichvucong.gov.vn/", "label": "Dịch vụ công"}

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if bool(value.get("page")) == bool(value.get("url")):
            errors["page"] = ValidationError(_("Choose either a page or an external address."))
        elif value.get("url") and not value.get("label"):
            errors["label"] = ValidationError(_("An external address needs a label."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class HomeBodyBlock(blocks.StreamBlock):
    """The sections an editor arranges on the home page."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    notice = NoticeBlock()
