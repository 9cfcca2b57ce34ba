"""Site search over every app: news, agencies and published scores in one box.

- `query`: reading and checking what the reader asked (`parse_request`, `SearchRequest`, `BadSearch`);
- `service`: running it on the configured engine (`search`, `suggestions`);
- `highlighting`: marking the matched words, whatever diacritics either side used;
- `views`: the /tim-kiem/ page; `api`: /api/v1/search and its suggestions (both limited per client by
  the platform's `portal.ratelimit`, so a script cannot monopolise the engine).

Each app declares what it indexes (`search_fields` on its models); folding lives in the platform
(`portal.transliteration`).
"""
