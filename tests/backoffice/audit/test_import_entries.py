"""The entry of a confirmed import reads as a sentence and is under the "Imports" filter of the journal."""
from matchfair.backoffice import audit
from matchfair.backoffice.audit_text import family_of, sentence
from matchfair.extensions import db


def test_import_entry_reads_as_a_sentence(event, organiser_user):
    entry = audit.record(organiser_user, "organisations.imported", event=event, created=6, merged=1,
                         filename="annuaire.csv")
    db.session.commit()
    text = sentence(entry)
    assert "action «" not in text
    assert text.startswith(f"{organiser_user.full_name} a importé")
    assert "annuaire.csv" in text and "6" in text and "1" in text
    assert family_of("organisations.imported") == "imports"


def test_imports_filter_of_the_journal_shows_the_import(client, login, event, organiser_user):
    audit.record(organiser_user, "organisations.imported", event=event, created=6, merged=0, filename="annuaire.csv")
    audit.record(organiser_user, "message.sent", event=event, subject="Bienvenue", recipients=3, filter={})
    db.session.commit()
    login(organiser_user)
    html = client.get(f"/evenements/{event.id}/journal?famille=imports").get_data(as_text=True)
    assert "annuaire.csv" in html and "Bienvenue" not in html
