"""Questions and feedback from citizens, answered by the agency in public.

A citizen sends a question (or feedback) through a form that works without JavaScript and needs no
cookie; it is refused, with the form kept, when it looks like spam (a honeypot field, a minimum fill
time carried by a signed timestamp, a per-address rate limit, a size limit). The citizen gets a
tracking code, shown once and e-mailed when an address is given; /hoi-dap/tra-cuu/ shows the status
of a question by its code and nothing else. Kiểm duyệt viên assign, answer, publish or decline in the
admin; a published answer is listed at /hoi-dap/ by field and found by site search, without the
asker's name or contact. The asker's personal data is erased a configurable time after the question
is closed (`manage.py purge_questions`).

- `models`: fields of questions, the question itself, the /hoi-dap/ page;
- `codes`: tracking codes; `forms`: the public forms and their spam defences;
- `views`: the form and the look-up (fixed addresses under /hoi-dap/);
- `moderation`: what the admin's actions do; `notifications`: the e-mails; `privacy`: the purge;
- `wagtail_hooks`: the queue in the admin and the dashboard's counts.
"""
