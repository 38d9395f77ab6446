"""How French says "in <department>": "en Haute-Garonne", "dans le Tarn", "dans les Landes", "à Paris".

Department names are proper nouns, not translated; the preposition and article depend on each name,
so French gets this table and other languages a translated "in %(name)s" (see reasons.py).
"""
from ..engine.territory import department_name

_DANS_LE = frozenset("14 15 18 25 29 30 32 39 41 45 46 47 49 56 59 62 63 67 68 69 81 82 83 84 90 94 95".split())
_DANS_LA = frozenset("23 26 42 50 51 55 58 72 80 86".split())
_DANS_L = frozenset("01 02 03 10 11 27 34 36 60 61 89".split())
_DANS_LES = frozenset("04 05 06 08 13 22 40 64 65 66 78 79 88 92".split())
_A = frozenset("75 974 976".split())


def french_locative(code: str) -> str:
    """ "en Haute-Garonne", "dans le Tarn", "dans l'Hérault", "dans les Landes", "à Paris"."""
    name = department_name(code)
    if code in _DANS_LE:
        return "dans le " + name
    if code in _DANS_LA:
        return "dans la " + name
    if code in _DANS_L:
        return "dans l'" + name
    if code in _DANS_LES:
        return "dans les " + name
    if code in _A:
        return "à " + name
    return "en " + name
