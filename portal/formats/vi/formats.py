"""Vietnamese number and date formats as government portals write them: 3.513.363 and 83,45; 25/01/2024.

Django's own Vietnamese formats do not group thousands (NUMBER_GROUPING is 0); this adds it.
"""

from django.conf.locale.vi.formats import *  # noqa: F403

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "H:i d/m/Y"
