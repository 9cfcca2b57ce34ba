"""Visitor statistics: exact page views and visits, cheap for the page, without personal data.

- `counting`: who counts (not bots, prefetches or previews), the daily visitor hash, recording a hit
  and flushing pending hits into the totals;
- `stores`: where hits wait (Redis or the database) and how they are added up;
- `figures`: what people see (the visitor box, a page's views, the series, the most read);
- `views`, `api`, `wsgi`, `panels`: the hit image and the statistics page, `/api/v1/visits/summary`,
  the hit endpoint at WSGI level in front of Django, and the admin dashboard's panel.

The tables are the `portal` app's models (`portal.models.visits`).
"""
