"""The legal documents library (Hệ thống văn bản): a domain app of its own, below news and the figures.

- `numbers`: reading a document's number and symbol however it is typed, and finding numbers in text;
- `models`: the lists (forms, issuing bodies, fields), the library page, the document pages with their
  files and relations, and the `Citation` table;
- `filters`: the library's query parameters, shared by the page and the API;
- `registry` and `citations`: which models cite documents (declared by the apps that own them), the
  citations recorded when they are published, and numbers turned into links when pages render;
- `panels`: what editors see of the numbers their draft cites; `search`: finding documents by number
  and words; `api`: /api/v1/documents; `feeds`: the RSS feed; `demo_content`, `synthetic`: demo and
  load-test documents.
"""
