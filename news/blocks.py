"""The blocks an editor composes an article body from."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

from portal.blocks import HeadingBlock, ParagraphBlock


class CaptionedImageBlock(blocks.StructBlock):
    """A photo with its alt text (required unless decorative), caption and credit."""

    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)
    credit = blocks.CharBlock(label=_("Photo credit"), required=False, max_length=100)

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "news/blocks/captioned_image_block.html"


class QuoteBlock(blocks.StructBlock):
    """A quotation with the person who said it."""

    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(label=_("Said by"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quotation")
        template = "news/blocks/quote_block.html"
        preview_value = {
            "text": "Phấn đấu năm 2024, Chỉ số CCHC của Sở tăng so với năm 2023.",
            "attribution": "Phó Giám đốc Sở",
        }


class MalformedTable(dict):
    """What the editor sent for a table when it was not one (not JSON, or JSON of another shape)."""


def is_table(value) -> bool:
    """Whether `value` has the shape of Wagtail's table data: rows of cells that are text, numbers or empty."""
    if not isinstance(value, dict):
        return False
    rows = value.get("data", [])
    return isinstance(rows, list) and all(
        isinstance(row, list) and all(cell is None or isinstance(cell, str | int | float) for cell in row)
        for row in rows
    )


class CheckedTableBlock(TableBlock):
    """Wagtail's table block, refusing what is not a table with a message on the block.

    Wagtail reads the posted JSON while it reads the form, before validation: malformed JSON answered
    500 there, and JSON of another shape was saved and broke the article when drawn.
    """

    def value_from_form(self, value):
        try:
            table = super().value_from_form(value)
        except ValueError:
            return MalformedTable()
        return table if table is None or is_table(table) else MalformedTable()

    def clean(self, value):
        if isinstance(value, MalformedTable):
            raise ValidationError(
                _("The table sent by the editor could not be read. Reload the page and enter it again.")
            )
        return super().clean(value)

    def get_form_state(self, value):
        return None if isinstance(value, MalformedTable) else super().get_form_state(value)


class ScoreTableBlock(blocks.StructBlock):
    """A table such as a component score table, with a caption that says what it shows."""

    caption = blocks.CharBlock(label=_("Table caption"), max_length=300)
    table = CheckedTableBlock(
        label=_("Table"),
        table_options={"startRows": 4, "startCols": 3, "colHeaders": False, "rowHeaders": False},
    )

    class Meta:
        icon = "table"
        label = _("Table")
        template = "news/blocks/score_table_block.html"
        preview_value = {
            "caption": "Kết quả Chỉ số CCHC năm 2023",
            "table": {
                "first_row_is_table_header": True,
                "data": [
                    ["Lĩnh vực", "Điểm tối đa", "Điểm thẩm định"],
                    ["Cải cách thể chế", "14", "10"],
                    ["Cải cách chế độ công vụ", "12", "11"],
                ],
            },
        }


class DocumentLinkBlock(blocks.StructBlock):
    """A link to a document in the library, such as the decision that published the scores."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"), required=False, max_length=200, help_text=_("Defaults to the document's title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "news/blocks/document_link_block.html"


class ArticleBodyBlock(blocks.StreamBlock):
    """The body of an article."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    table = ScoreTableBlock()
    quote = QuoteBlock()
    document = DocumentLinkBlock()
    embed = EmbedBlock(
        label=_("Video or embedded content"),
        icon="media",
        template="news/blocks/embed_block.html",
        help_text=_("A YouTube address, for example."),
    )
