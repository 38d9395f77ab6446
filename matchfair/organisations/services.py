"""Organisation services: business rules for profiles, members and invitations.

Services take the acting user as an argument, check the rules, and flush; the view commits.
"""
from ..engine.territory import department_name
from ..engine.text import fold
from .models import Organisation


def refresh_search_text(org: Organisation) -> None:
    """Recompute what the directory's word search looks into: name, city, department, description,
    labels, and the French and English labels of the organisation's CPV codes."""
    parts = [org.name, org.city, department_name(org.department_code) if org.department_code else None,
             org.description, org.labels]
    for link in org.cpv_links:
        if link.cpv is not None:
            parts += [link.cpv.label_fr, link.cpv.label_en]
    org.search_text = fold(" ".join(p for p in parts if p))
