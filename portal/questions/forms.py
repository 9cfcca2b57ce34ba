"""The public forms: a question or feedback, and the look-up by tracking code.

Spam defences, none of which asks a third party or sets a cookie:
- a honeypot: a field people never see (hidden by the stylesheet, labelled "leave empty") that
  form-filling robots fill in;
- a minimum fill time: the form carries a signed token with the time it was made and a single-use
  nonce; a form sent back sooner than a person could have filled it in, or older than a day, or whose
  token was tampered with, is refused;
- a per-address rate limit (`portal.ratelimit`, applied by the view);
- size limits on every field and on the request as a whole.
Each refusal has a Vietnamese message, and the form comes back filled in.
"""

import hashlib
import re
import secrets
import time
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from portal.questions.models import Kind, QuestionField
from portal.site_scoping import for_site

TOKEN_SALT = "portal.questions.form"
HONEYPOT = "trang_web"  # "website": a field robots like to fill
PHONE = re.compile(r"^\+?[0-9][0-9 .\-]{7,18}[0-9]$")


@dataclass(frozen=True)
class FormToken:
    nonce: str
    issued_at: float

    def sign(self) -> str:
        return signing.dumps({"n": self.nonce, "t": int(self.issued_at)}, salt=TOKEN_SALT, compress=False)


def new_token(issued_at: float | None = None) -> str:
    """A fresh token for a form being shown now (or, for tests, at another time)."""
    return FormToken(secrets.token_urlsafe(16), time.time() if issued_at is None else issued_at).sign()


class SpamRefused(ValueError):
    """The form was refused as a robot's; the message says why, for the person it might have been."""

    def __init__(self, message: str, *, fresh_token: bool):
        super().__init__(message)
        self.fresh_token = fresh_token  # whether the form comes back with a new token


def read_token(value: str) -> FormToken:
    """The token the form was sent with, checked for integrity and age; SpamRefused otherwise."""
    try:
        data = signing.loads(value or "", salt=TOKEN_SALT)
        token = FormToken(str(data["n"]), float(data["t"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise SpamRefused(
            _("The form could not be checked (it may have been altered or copied). Please send it again."),
            fresh_token=True,
        ) from None
    age = time.time() - token.issued_at
    if age < settings.QUESTIONS_MIN_FILL_SECONDS:
        raise SpamRefused(
            _(
                "The form was sent back faster than a person can fill it in. Check what you wrote, then press “Send” again."
            ),
            fresh_token=False,
        )
    if age > settings.QUESTIONS_FORM_MAX_AGE_HOURS * 3600:
        raise SpamRefused(
            _(
                "The form was open for too long and has expired. Check what you wrote, then press “Send” again."
            ),
            fresh_token=True,
        )
    return token


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("You are sending"), choices=Kind.choices, initial=Kind.QUESTION, widget=forms.RadioSelect
    )
    name = forms.CharField(label=_("Your name"), max_length=100)
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        max_length=200,
        required=False,
        help_text=_("We send your tracking code and the answer to this address."),
        error_messages={"invalid": _("Write the whole e-mail address, for example ten@example.vn.")},
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=20,
        required=False,
        help_text=_("Only if the unit answering may need to call you."),
    )
    field = forms.ModelChoiceField(
        label=_("Field"),
        queryset=QuestionField.objects.all(),
        empty_label=_("Choose a field"),
        required=False,
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    text = forms.CharField(label=_("Your question or feedback"), widget=forms.Textarea(attrs={"rows": 8}))
    consent = forms.BooleanField(
        label=_(
            "I agree that the agency processes my name and contact details to answer me, as Decree 13/2023/NĐ-CP on the protection of personal data requires it to ask."
        ),
        error_messages={"required": _("Without your consent we cannot take your question.")},
    )
    token = forms.CharField(widget=forms.HiddenInput)
    trang_web = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    def __init__(self, *args, site=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The fields of the site the question is sent on, and those shared by every site.
        self.fields["field"].queryset = for_site(QuestionField.objects.all(), site)
        self.fields["text"].widget.attrs["maxlength"] = settings.QUESTIONS_MAX_CHARACTERS
        self.fields["text"].help_text = _("At most %(count)s characters.") % {
            "count": settings.QUESTIONS_MAX_CHARACTERS
        }
        self.has_fields = self.fields["field"].queryset.exists()
        self.fields["field"].required = self.has_fields
        self.purge_days = settings.QUESTIONS_PURGE_DAYS
        for name in ("name", "email", "phone"):
            self.fields[name].widget.attrs["autocomplete"] = {
                "name": "name",
                "email": "email",
                "phone": "tel",
            }[name]
        self.fields["phone"].widget.input_type = "tel"
        self.fields[HONEYPOT].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_subject(self):
        return " ".join(self.cleaned_data["subject"].split())

    def clean_text(self):
        text = self.cleaned_data["text"].replace("\r\n", "\n").strip()
        if len(text) < 10:
            raise forms.ValidationError(_("Write your question in a few words at least."))
        if len(text) > settings.QUESTIONS_MAX_CHARACTERS:
            raise forms.ValidationError(
                _("Your text has %(length)s characters; at most %(count)s fit. Please shorten it.")
                % {"length": len(text), "count": settings.QUESTIONS_MAX_CHARACTERS}
            )
        return text

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not PHONE.match(phone):
            raise forms.ValidationError(
                _("Write the phone number with digits only, for example 0912 345 678.")
            )
        return phone

    def fingerprint(self, nonce: str) -> str:
        """A digest of what was sent with this nonce, to tell a re-sent form from a changed one."""
        data = self.cleaned_data
        parts = [
            nonce,
            data["kind"],
            data["name"],
            data["email"],
            data["phone"],
            str(data["field"] and data["field"].pk),
        ]
        parts += [data["subject"], data["text"]]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


class LookupForm(forms.Form):
    code = forms.CharField(
        label=_("Tracking code"),
        max_length=40,
        help_text=_("Twelve letters and digits, for example 7K3M-Q9XA-2PBT."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(
            {"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        )
