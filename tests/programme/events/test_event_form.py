"""Creating and editing events: validation, slugs, time zones (overseas too), the registration window."""
from datetime import date, datetime, timedelta

from sqlalchemy import select

from matchfair.extensions import db
from matchfair.programme.models import Event

from .conftest import EventFactory, SessionFactory


def _form(**overrides):
    start = date.today() + timedelta(days=40)
    data = {"name": "Rencontres ESS Occitanie 2026", "slug": "", "description": "Deux jours.",
            "starts_on": start.isoformat(), "ends_on": (start + timedelta(days=1)).isoformat(),
            "timezone": "Europe/Paris", "format": "venue", "venue_name": "Centre de congrès",
            "venue_address": "11 esplanade Compans-Caffarelli, Toulouse", "department_code": "31",
            "online_url": "", "registration_opens_at": "", "registration_closes_at": "", "is_published": "y"}
    data.update(overrides)
    return data


def _event(name="Rencontres ESS Occitanie 2026") -> Event:
    return db.session.scalars(select(Event).where(Event.name == name)).one()


def test_organiser_creates_an_event(client, login, organiser):
    login(organiser)
    response = client.post("/evenements/nouveau", data=_form(requires_approval="y"))
    event = _event()
    assert response.status_code == 302 and response.location.endswith(f"/evenements/{event.id}/gestion")
    assert event.slug == "rencontres-ess-occitanie-2026"
    assert event.organiser_organisation_id == organiser.memberships[0].organisation_id
    assert event.timezone == "Europe/Paris" and not event.is_online and event.department_code == "31"
    assert event.requires_approval and event.is_published
    page = client.get(f"/evenements/{event.id}/gestion")
    assert "Grille horaire" in page.text and "Gérer les salles" in page.text


def test_slug_is_made_unique_and_a_typed_one_must_be_free(client, login, organiser):
    login(organiser)
    EventFactory(slug="rencontres-ess-occitanie-2026")
    client.post("/evenements/nouveau", data=_form())
    assert _event().slug == "rencontres-ess-occitanie-2026-2"
    response = client.post("/evenements/nouveau", data=_form(name="Autre", slug="rencontres-ess-occitanie-2026"))
    assert response.status_code == 200 and "déjà prise" in response.text
    response = client.post("/evenements/nouveau", data=_form(name="Autre", slug="Pas valide !"))
    assert "minuscules" in response.text
    response = client.post("/evenements/nouveau", data=_form(name="Autre", slug="2027"))
    assert "au moins une lettre" in response.text
    assert db.session.scalar(select(Event).where(Event.name == "Autre")) is None


def test_date_rules(client, login, organiser):
    login(organiser)
    start = date.today() + timedelta(days=40)
    response = client.post("/evenements/nouveau", data=_form(ends_on=(start - timedelta(days=1)).isoformat()))
    assert "La fin doit être le même jour que le début ou après." in response.text
    response = client.post("/evenements/nouveau", data=_form(ends_on=(start + timedelta(days=14)).isoformat()))
    assert "14 jours au plus" in response.text
    response = client.post("/evenements/nouveau", data=_form(starts_on="31/02/2026"))
    assert "n'existe pas" in response.text
    client.post("/evenements/nouveau", data=_form(ends_on=(start + timedelta(days=13)).isoformat()))
    assert _event().ends_on == start + timedelta(days=13)


def test_a_new_event_cannot_be_entirely_in_the_past(client, login, organiser, event):
    login(organiser)
    past = date.today() - timedelta(days=30)
    response = client.post("/evenements/nouveau", data=_form(starts_on=past.isoformat(),
                                                             ends_on=(past + timedelta(days=1)).isoformat()))
    assert response.status_code == 200 and "Ces dates sont passées" in response.text
    assert db.session.scalar(select(Event).where(Event.name == "Rencontres ESS Occitanie 2026")) is None
    today = date.today()
    client.post("/evenements/nouveau", data=_form(starts_on=(today - timedelta(days=1)).isoformat(),
                                                   ends_on=(today + timedelta(days=1)).isoformat()))
    assert _event().starts_on == today - timedelta(days=1)


def test_zone_and_format_are_checked(client, login, organiser):
    login(organiser)
    response = client.post("/evenements/nouveau", data=_form(timezone="Mars/Olympus"))
    assert "Ce fuseau horaire n'existe pas" in response.text
    response = client.post("/evenements/nouveau", data=_form(venue_name=""))
    assert "Indiquez le lieu" in response.text
    response = client.post("/evenements/nouveau", data=_form(format="online", venue_name=""))
    assert "Indiquez l'adresse de l'événement en ligne" in response.text
    client.post("/evenements/nouveau", data=_form(format="online", online_url="visio.exemple.fr/traids",
                                                  timezone="America/Cayenne"))
    event = _event()
    assert event.is_online and event.online_url == "https://visio.exemple.fr/traids"
    assert event.venue_name is None and event.timezone == "America/Cayenne"


def test_the_zone_select_lists_french_zones_first(client, login, organiser):
    login(organiser)
    text = client.get("/evenements/nouveau").text
    positions = [text.index(f'value="{z}"') for z in ("Europe/Paris", "America/Guadeloupe", "America/Martinique",
                                                      "America/Cayenne", "Indian/Reunion", "Indian/Mayotte",
                                                      "Africa/Abidjan")]
    assert positions == sorted(positions)


def test_overseas_window_is_stored_in_utc_and_shown_in_local_time(client, login, organiser):
    login(organiser)
    start = date.today() + timedelta(days=40)
    opens = start - timedelta(days=20)
    client.post("/evenements/nouveau", data=_form(
        timezone="Indian/Reunion", registration_opens_at=f"{opens.isoformat()}T09:00",
        registration_closes_at=f"{(start - timedelta(days=1)).strftime('%d/%m/%Y')} 18:30"))
    event = _event()
    assert event.registration_opens_at == datetime.combine(opens, datetime.min.time()).replace(hour=5)
    assert event.registration_closes_at == datetime.combine(start - timedelta(days=1), datetime.min.time()).replace(hour=14, minute=30)
    page = client.get(f"/evenements/{event.slug}").text
    assert "18:30" in page and "Indian/Reunion" in page and "La Réunion" in page
    # The edit form gives the local wall-clock time back.
    form = client.get(f"/evenements/{event.id}/modifier").text
    assert f'value="{opens.isoformat()}T09:00"' in form


def test_window_rules(client, login, organiser):
    login(organiser)
    start = date.today() + timedelta(days=40)
    response = client.post("/evenements/nouveau", data=_form(
        registration_opens_at=f"{start.isoformat()}T10:00", registration_closes_at=f"{start.isoformat()}T09:00"))
    assert "après leur ouverture" in response.text
    late = (start + timedelta(days=2)).isoformat()
    response = client.post("/evenements/nouveau", data=_form(registration_closes_at=f"{late}T09:00"))
    assert "au plus tard le dernier jour" in response.text
    response = client.post("/evenements/nouveau", data=_form(registration_closes_at="demain"))
    assert "JJ/MM/AAAA HH:MM" in response.text


def test_edit_keeps_sessions_inside_the_days(client, login, organiser, event):
    login(organiser)
    SessionFactory(event=event, title="Les marchés réservés",
                   starts_at=datetime.combine(event.ends_on, datetime.min.time()) + timedelta(hours=9))
    data = _form(name=event.name, slug=event.slug, starts_on=event.starts_on.isoformat(),
                 ends_on=event.starts_on.isoformat())
    response = client.post(f"/evenements/{event.id}/modifier", data=data)
    assert response.status_code == 200 and "Les marchés réservés" in response.text
    response = client.post(f"/evenements/{event.id}/modifier", data={**data, "ends_on": event.ends_on.isoformat(),
                                                                      "timezone": "Indian/Reunion"})
    assert "changer de fuseau horaire" in response.text
    response = client.post(f"/evenements/{event.id}/modifier", data={**data, "ends_on": event.ends_on.isoformat(),
                                                                      "name": "Nouveau nom"})
    assert response.status_code == 302
    db.session.refresh(event)
    assert event.name == "Nouveau nom" and event.slug.startswith("rencontres-de-test")
