"""The account services other features call: create_user, set_password, send_confirmation..."""
import pytest
from werkzeug.security import check_password_hash

from matchfair.accounts import services, tokens
from matchfair.accounts.services import EmailTaken, PasswordTooShort
from matchfair.extensions import db

from .. import factories


def test_normalize_email():
    assert services.normalize_email("  Awa.Diallo@Exemple.FR ") == "awa.diallo@exemple.fr"


def test_create_user_stores_a_hash_and_a_lower_case_address(app):
    user = services.create_user(" Awa@Exemple.fr", " Awa Diallo ", "une phrase assez longue", locale="en")
    assert user.id is not None  # flushed
    assert (user.email, user.full_name, user.locale) == ("awa@exemple.fr", "Awa Diallo", "en")
    assert not user.is_confirmed
    assert user.password_hash.startswith("scrypt:")
    assert check_password_hash(user.password_hash, "une phrase assez longue")
    assert user.get_id() == f"{user.id}:1"


def test_create_user_confirmed(app):
    assert services.create_user("awa@exemple.fr", "Awa", "une phrase assez longue", confirmed=True).is_confirmed


def test_create_user_refuses_a_used_address_in_any_case(app, user):
    with pytest.raises(EmailTaken):
        services.create_user("CAMILLE@exemple.fr", "Autre", "une phrase assez longue")
    assert issubclass(EmailTaken, ValueError)


def test_unique_constraint_backs_the_check(app, user, unconfirmed_user, monkeypatch):
    # Two requests racing: the check sees nothing, the database refuses the second row.
    unconfirmed_user.full_name = "Changement en cours"
    db.session.flush()
    monkeypatch.setattr(services, "find_user_by_email", lambda email: None)
    with pytest.raises(EmailTaken):
        services.create_user("camille@exemple.fr", "Autre", "une phrase assez longue")
    monkeypatch.undo()
    # Only the failed insert was undone: the rest of the request's work is still there.
    db.session.commit()
    db.session.expire_all()
    assert unconfirmed_user.full_name == "Changement en cours"
    assert services.find_user_by_email("camille@exemple.fr").id == user.id


def test_set_password_enforces_the_minimum_and_ends_other_sessions(app, user):
    with pytest.raises(PasswordTooShort):
        services.set_password(user, "court")
    services.set_password(user, "une phrase assez longue")
    assert user.session_version == 2
    assert check_password_hash(user.password_hash, "une phrase assez longue")
    db.session.commit()
    assert services.load_user_from_session_id(f"{user.id}:1") is None
    assert services.load_user_from_session_id(f"{user.id}:2") is user


def test_load_user_from_session_id_refuses_garbage(app, user):
    for value in ("", "abc", f"{user.id}", f"{user.id}:x", "999:1"):
        assert services.load_user_from_session_id(value) is None


def test_authenticate(app, user):
    assert services.authenticate("Camille@exemple.fr", factories.PASSWORD) is user
    assert services.authenticate(user.email, "faux") is None
    assert services.authenticate("personne@exemple.fr", factories.PASSWORD) is None


def test_send_confirmation_from_another_feature(app, unconfirmed_user, outbox):
    with app.test_request_context():
        services.send_confirmation(unconfirmed_user)
    assert outbox[0].to == [unconfirmed_user.email]
    assert outbox[0].subject == "Confirmez votre adresse e-mail"
    assert "Bonjour Dominique Petit," in outbox[0].body
    assert "Ce lien est valable 7 jours." in outbox[0].body


def test_reset_token_dies_with_the_password(app, user):
    with app.test_request_context():
        token = tokens.make_token(tokens.RESET, {"uid": user.id, "pw": tokens.password_fingerprint(user.password_hash)})
        assert services.read_password_reset(token) is user
        services.set_password(user, "une phrase assez longue")
        with pytest.raises(tokens.BadToken):
            services.read_password_reset(token)


def test_tokens_are_bound_to_their_purpose(app):
    with app.test_request_context():
        token = tokens.make_token(tokens.CONFIRM, {"uid": 1})
        assert tokens.read_token(tokens.CONFIRM, token) == {"uid": 1}
        with pytest.raises(tokens.BadToken) as info:
            tokens.read_token(tokens.CHANGE_EMAIL, token)
        assert not info.value.expired
