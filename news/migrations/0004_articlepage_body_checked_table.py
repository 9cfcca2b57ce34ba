"""The article body's table block checks what the editor sends (news.blocks.CheckedTableBlock): no change to the data."""

import wagtail.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0003_articlepage_agencies"),
    ]

    operations = [
        migrations.AlterField(
            model_name="articlepage",
            name="body",
            field=wagtail.fields.StreamField(
                [
                    ("heading", 2),
                    ("paragraph", 3),
                    ("image", 7),
                    ("table", 10),
                    ("quote", 13),
                    ("document", 16),
                    ("embed", 17),
                ],
                block_lookup={
                    0: ("wagtail.blocks.CharBlock", (), {"label": "Text", "max_length": 200}),
                    1: (
                        "wagtail.blocks.ChoiceBlock",
                        [],
                        {"choices": [("h2", "Heading 2"), ("h3", "Heading 3")], "label": "Level"},
                    ),
                    2: ("wagtail.blocks.StructBlock", [[("text", 0), ("level", 1)]], {}),
                    3: ("portal.blocks.ParagraphBlock", (), {}),
                    4: ("wagtail.images.blocks.ImageBlock", [], {"label": "Image"}),
                    5: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {"label": "Caption", "max_length": 300, "required": False},
                    ),
                    6: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {"label": "Photo credit", "max_length": 100, "required": False},
                    ),
                    7: ("wagtail.blocks.StructBlock", [[("image", 4), ("caption", 5), ("credit", 6)]], {}),
                    8: ("wagtail.blocks.CharBlock", (), {"label": "Table caption", "max_length": 300}),
                    9: (
                        "news.blocks.CheckedTableBlock",
                        (),
                        {
                            "label": "Table",
                            "table_options": {
                                "colHeaders": False,
                                "rowHeaders": False,
                                "startCols": 3,
                                "startRows": 4,
                            },
                        },
                    ),
                    10: ("wagtail.blocks.StructBlock", [[("caption", 8), ("table", 9)]], {}),
                    11: ("wagtail.blocks.TextBlock", (), {"label": "Quotation"}),
                    12: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {"label": "Said by", "max_length": 200, "required": False},
                    ),
                    13: ("wagtail.blocks.StructBlock", [[("text", 11), ("attribution", 12)]], {}),
                    14: ("wagtail.documents.blocks.DocumentChooserBlock", (), {"label": "Document"}),
                    15: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {
                            "help_text": "Defaults to the document's title.",
                            "label": "Link text",
                            "max_length": 200,
                            "required": False,
                        },
                    ),
                    16: ("wagtail.blocks.StructBlock", [[("document", 14), ("title", 15)]], {}),
                    17: (
                        "wagtail.embeds.blocks.EmbedBlock",
                        (),
                        {
                            "help_text": "A YouTube address, for example.",
                            "icon": "media",
                            "label": "Video or embedded content",
                            "template": "news/blocks/embed_block.html",
                        },
                    ),
                },
                verbose_name="body",
            ),
        ),
    ]
