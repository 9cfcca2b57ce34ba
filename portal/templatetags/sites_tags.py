"""Template tags of the province's install: the hub's directory of its departments' sites."""

from django import template
from wagtail.models import Site

from portal.models import AgencySettings
from portal.site_scoping import all_sites, is_hub

register = template.Library()


@register.inclusion_tag("portal/includes/department_directory.html", takes_context=True)
def department_directory(context):
    """On the hub only: every department's site (a site naming its agency) with its agency, its address
    (a link to its own host) and the contacts from its identity settings, by name; one query, inside the
    home page's fragment cache, which every department's purge renews (`generation.purge_site`)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if not is_hub(site):
        return {"departments": []}
    sites = {pk: known for pk, known in all_sites().items() if not known.is_hub}
    # A department's site names its agency in the figures (create_department_site ties it); a site that
    # names none (Wagtail's first placeholder site, a test site) is no department's.
    settings_by_site = {
        settings.site_id: settings
        for settings in AgencySettings.objects.filter(site_id__in=sites, agency__isnull=False)
    }
    departments = []
    for pk, settings in settings_by_site.items():
        known = sites[pk]
        departments.append(
            {
                "name": settings.agency_name or known.site_name or known.hostname,
                "portal_name": settings.portal_name,
                "url": known.root_url + "/",
                "host": known.hostname if known.port in (80, 443) else f"{known.hostname}:{known.port}",
                "address": settings.address,
                "phone": settings.phone,
                "email": settings.email,
            }
        )
    departments.sort(key=lambda department: department["name"].casefold())
    return {"departments": departments}
