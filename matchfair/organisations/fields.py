"""The SIRET field's filter and validator, with French messages (generic fields: matchfair.fields)."""
from flask_babel import lazy_gettext as _l
from stdnum.fr import siret as stdnum_siret
from wtforms.validators import ValidationError

SIRET_INVALID = _l("Le numéro SIRET n'est pas valide (14 chiffres, clé de contrôle)")
SIRET_TAKEN = _l("Une organisation avec ce SIRET existe déjà : demandez à son administrateur de vous inviter.")


def compact_siret(value):
    """Filter: the SIRET without spaces, dots or dashes ("732 829 320 00074" -> "73282932000074")."""
    return stdnum_siret.compact(value) if isinstance(value, str) and value.strip() else value


def valid_siret(_form, field) -> None:
    if field.data and not stdnum_siret.is_valid(field.data):
        raise ValidationError(SIRET_INVALID)
