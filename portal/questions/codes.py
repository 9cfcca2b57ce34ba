"""Tracking codes: twelve letters and digits that only the asker gets, stored only as a digest.

A code is derived from the form's single-use nonce with the site's secret (HMAC), so the same form
sent twice (a double click, a reload) gets the same code without the code itself ever being stored:
the database keeps its SHA-256, which is what a look-up compares. Twelve characters of Crockford's
base 32 are 60 bits: with look-ups limited per address, guessing one is hopeless.
"""

import hashlib
import hmac
import re

from django.conf import settings

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32: no I, L, O or U
LENGTH = 12
# What people mistype when copying a code: letters that look like digits, and separators.
LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
SEPARATORS = re.compile(r"[\s\-_.]+")


def code_for(nonce: str) -> str:
    """The tracking code of the question sent with this form nonce, as twelve characters."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"question-code:{nonce}".encode(), hashlib.sha256
    ).digest()
    number = int.from_bytes(digest[:8], "big")
    characters = []
    for _ in range(LENGTH):
        number, remainder = divmod(number, 32)
        characters.append(ALPHABET[remainder])
    return "".join(characters)


def display(code: str) -> str:
    """ "7K3MQ9XA2PBT" → "7K3M-Q9XA-2PBT", easier to read out and copy."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalise(typed: str) -> str | None:
    """The code as stored, from what a person typed (any case, dashes, spaces, O for 0), or None."""
    code = SEPARATORS.sub("", (typed or "").upper()).translate(LOOKALIKES)
    if len(code) != LENGTH or any(character not in ALPHABET for character in code):
        return None
    return code


def digest(code: str) -> str:
    """What the database keeps of a code."""
    return hashlib.sha256(code.encode()).hexdigest()
