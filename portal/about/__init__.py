"""The agency describes itself: its functions and duties, its units, its leaders and how to reach it.

Decree 42/2022/NĐ-CP asks every agency portal for its organisation's functions, structure, leaders and
contacts. Units and leaders are rows editors keep up to date (snippets); the pages that show them are
editable Wagtail pages in a fixed tree: /gioi-thieu/ with its organisation and leadership pages under
it, and /lien-he/ beside it, which also carries the question form of `portal.questions` (through that
app's template tag: this app imports nothing of it).
"""
