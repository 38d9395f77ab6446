"""The people of the demo: believable names from the South of France, and their accounts."""
from ..accounts.models import User
from ..extensions import db
from ..organisations.models import Membership, Organisation, Role
from ..timeutil import utcnow
from .context import DemoContext
from .identity import person_email

FIRST_NAMES = (
    "Marion", "Julien", "Claire", "Mathieu", "Sophie", "Nicolas", "Laure", "Thomas", "Camille", "Romain",
    "Élodie", "Guillaume", "Anaïs", "Sébastien", "Céline", "Florian", "Aurélie", "Maxime", "Pauline",
    "Jérôme", "Émilie", "Kévin", "Sandrine", "Olivier", "Nadia", "Karim", "Sonia", "Mehdi", "Leïla",
    "Yacine", "Inès", "Samir", "Fatima", "Rachid", "Jordi", "Montserrat", "Núria", "Pau", "Carla",
    "Manuel", "Isabel", "João", "Ana", "Lucie", "Baptiste", "Manon", "Adrien", "Chloé", "Quentin",
    "Justine", "Clément", "Margaux", "Benoît", "Hélène", "Pierre", "Martine", "Jean-Marc", "Sylvie",
    "Patrick", "Christine", "Fabien", "Virginie", "Cédric", "Nathalie", "Loïc", "Agnès", "Bernard",
    "Mireille", "Didier", "Véronique", "Arnaud", "Delphine", "Gaëlle", "Bastien", "Salomé", "Aurélien",
    "Mélanie", "Amadou", "Aïssatou", "Thi Lan", "Bruno", "Régine", "Lionel", "Josiane",
)

LAST_NAMES = (
    "Delmas", "Carrère", "Garcia", "Martinez", "Fabre", "Roux", "Vidal", "Bonnet", "Marty", "Lopez",
    "Sanchez", "Rouquette", "Cassagne", "Castel", "Azéma", "Bousquet", "Puech", "Teisseire", "Cabanes",
    "Rigal", "Baylac", "Soula", "Barthe", "Canal", "Lacombe", "Mas", "Pujol", "Ferrer", "Sabatier",
    "Bonnafous", "Alric", "Cros", "Galtier", "Crouzet", "Salvan", "Viguier", "Albouy", "Lagarde",
    "Rouanet", "Bénézech", "Escudié", "Calvet", "Bories", "Couderc", "Cayla", "Mazars", "Maurel",
    "Fournier", "Dupuy", "Laporte", "Moreno", "Fernandes", "Pereira", "Rodrigues", "Benali", "Haddad",
    "Bensaïd", "Mansouri", "Amrani", "Diallo", "Traoré", "Nguyen", "Romero", "Navarro", "Castells",
    "Serra", "Font", "Batlle", "Pagès", "Sicre", "Delpech", "Gaubert", "Cazals", "Cammas", "Mercadier",
    "Tournier", "Faure", "Michel", "Lefebvre", "Giraud", "Bertrand", "Robert", "Estève", "Ricard",
    "Andrieu", "Loubet", "Dauzats", "Ginestet", "Marrot", "Palau",
)

# Share of organisations whose admin has a colleague with a member account.
MEMBER_SHARE = 0.35


def add_people(ctx: DemoContext, org: Organisation, admin: tuple[str, str] | None = None,
               member: bool | None = None) -> User:
    """Give `org` a confirmed admin (named `admin`, else drawn) and sometimes a member; return the admin."""
    first, last = admin or _draw_name(ctx)
    admin_user = _user(ctx, first, last)
    db.session.add(Membership(user=admin_user, organisation=org, role=Role.ADMIN))
    if member if member is not None else ctx.rng.random() < MEMBER_SHARE:
        db.session.add(Membership(user=_user(ctx, *_draw_name(ctx)), organisation=org, role=Role.MEMBER))
    return admin_user


def _draw_name(ctx: DemoContext) -> tuple[str, str]:
    return ctx.rng.choice(FIRST_NAMES), ctx.rng.choice(LAST_NAMES)


def _user(ctx: DemoContext, first: str, last: str) -> User:
    user = User(
        email=person_email(first, last, ctx.emails),
        full_name=f"{first} {last}",
        password_hash=ctx.password_hash,
        email_confirmed_at=utcnow(),
    )
    db.session.add(user)
    ctx.count("users")
    return user
