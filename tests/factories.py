"""factory_boy factories for the models; every factory commits, so that requests see the rows."""
import random

import factory
from stdnum import luhn
from werkzeug.security import generate_password_hash

from matchfair.accounts.models import User
from matchfair.extensions import db
from matchfair.organisations.models import Membership, OrgKind, Organisation, Role
from matchfair.timeutil import utcnow

PASSWORD = "mot-de-passe-de-test"
# Hashing is slow by design; hash once for every factory-made user.
_PASSWORD_HASH = generate_password_hash(PASSWORD)


def make_siret(rng: random.Random = random.Random()) -> str:
    """A random SIRET that python-stdnum accepts (Luhn-valid SIREN and SIRET)."""
    siren8 = "".join(rng.choice("0123456789") for _ in range(8))
    siren = siren8 + luhn.calc_check_digit(siren8)
    nic4 = "".join(rng.choice("0123456789") for _ in range(4))
    return siren + nic4 + luhn.calc_check_digit(siren + nic4)


class BaseFactory(factory.alchemy.SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "commit"


class UserFactory(BaseFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"personne{n}@exemple.fr")
    full_name = factory.Faker("name", locale="fr_FR")
    password_hash = _PASSWORD_HASH
    email_confirmed_at = factory.LazyFunction(utcnow)


class OrganisationFactory(BaseFactory):
    class Meta:
        model = Organisation

    kind = OrgKind.SSE
    name = factory.Sequence(lambda n: f"Structure solidaire {n}")
    siret = factory.LazyFunction(make_siret)
    department_code = "31"
    city = "Toulouse"
    postcode = "31000"
    description = "Structure de l'économie sociale et solidaire."
    is_listed = True
    search_text = ""


class BuyerFactory(OrganisationFactory):
    kind = OrgKind.BUYER
    name = factory.Sequence(lambda n: f"Acheteur public {n}")
    buyer_type = "city"


class MembershipFactory(BaseFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.ADMIN
