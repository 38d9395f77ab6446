"""French text for the matching engine: words folded, stop words dropped, Snowball-stemmed, weighted.

A text becomes its *terms*: each word is lower-cased, split on anything that is not a letter or a
digit (so "l'insertion" gives "insertion" and "Haute-Garonne" gives "haute" and "garonne"), folded
(accents dropped: "écoles" -> "ecoles"), dropped when it is a stop word, a number or one letter,
then stemmed with the Snowball French stemmer (the snowballstemmer package, which runs
PyStemmer's C code when it is installed, as requirements.txt has it: 70 times faster on the first
sight of a word; every word is then cached). Folding comes before stemming so that a word typed
without its accents ("ecoles", "ECOLES") gives the same stem as the accented one; the stemmer then
leaves a final "e" that accented input would have lost ("adaptee" -> "adapte", "adapte" ->
"adapt"), so trailing "e"s of stems are dropped too ("adapt" both times).

Stop words are French function words plus a few words that every procurement text carries
("services", "prestations", "fournitures", "travaux", "marché", "lot"...): they would make
everything match everything.

Rare words weigh more: a term's weight is its inverse document frequency over the suppliers'
texts, ln(1 + N / df), kept as an integer in thousandths so that sums are exact and do not depend
on the order in which they are added.
"""
import math
import re

import snowballstemmer

from .territory import DEPARTMENTS, REGIONS
from .text import fold

_WORD = re.compile(r"[^\W_]+")
_STEMMER = snowballstemmer.stemmer("french")

# Folded French function words (articles, pronouns, prepositions, conjunctions, common verbs).
FUNCTION_WORDS = frozenset("""
a ai aie aient ainsi apres au aucun aucune aupres auquel aussi autant aux auxquels avaient avais
avait avant avec avoir ayant c ca car ce ceci cela celle celles celui cependant certain certaines
certains ces cet cette ceux chacun chaque chez ci comme comment d dans de dela depuis des desquels
dessous dessus deux devant doit donc dont du duquel durant elle elles en encore entre es est et
etaient etais etait etant etc ete etre eu eux fait faire fois font hors ici il ils j je jusqu
jusque l la laquelle le lequel les lesquelles lesquels leur leurs lors lorsque lui m ma mais me
meme memes mes moi moins mon n ne ni non nos notre nous on ont ou par parce parmi pas pendant peu
peut peuvent plus plusieurs pour pourquoi qu quand que quel quelle quelles quels qui quoi s sa
sans se selon sera seront ses si sien soi soit son sont sous suis sur t ta tandis te tel telle
telles tels tes toi ton tous tout toute toutes tres tu un une unes uns vers via voici voila vos
votre vous y
""".split())

# Words found in almost every procurement text; dropped with their inflections (matched by stem).
GENERIC_WORDS = (
    "accord achat activite autre besoin cadre connexe divers diverse fourniture lot marche "
    "prestation produit service travaux type "
    # The vocabulary of procurement notices and SSE descriptions says nothing about the work.
    "acheteur annee candidat candidature client consultation contrat entreprise equipe "
    "insertion mission public publique repondre reserve salarie structure titulaire"
).split()

_cache: dict[str, str] = {}


def _stem_folded(folded: str) -> str:
    stem = _STEMMER.stemWord(folded)
    return stem.rstrip("e") or stem


# Place names ("Haute-Garonne", "Occitanie") say where, not what: the area score counts them.
_PLACE_WORDS = {w for place in [*DEPARTMENTS.values(), *REGIONS.values()] for w in _WORD.findall(fold(place.name))}
_GENERIC_STEMS = frozenset(_stem_folded(w) for w in [*GENERIC_WORDS, *_PLACE_WORDS] if len(w) > 2)


def stem(word: str) -> str:
    """The stem of one word, or "" when the word is not meaningful (stop word, number, one letter).

    "Écoles" -> "ecol", "ecole" -> "ecol", "nettoyages" -> "nettoyag", "les" -> "". Each distinct
    word is stemmed once: the answer is cached.
    """
    cached = _cache.get(word)
    if cached is not None:
        return cached
    folded = fold(word).replace(" ", "")
    result = ""
    if len(folded) > 1 and not folded.isdigit() and folded not in FUNCTION_WORDS:
        result = _stem_folded(folded)
        if result in _GENERIC_STEMS:
            result = ""
    if len(_cache) < 500_000:  # bounded: a flood of distinct junk words cannot eat the memory
        _cache[word] = result
    return result


def terms(text: str | None) -> dict[str, str]:
    """The meaningful terms of a text: stem -> the first word that gave it, lower-cased, accents kept.

    "Nettoyage des écoles, nettoyages" -> {"nettoyag": "nettoyage", "ecol": "écoles"}.
    """
    result: dict[str, str] = {}
    if not text:
        return result
    cached = _cache.get
    for word in _WORD.findall(text.lower()):
        term = cached(word)
        if term is None:
            term = stem(word)
        if term and term not in result:
            result[term] = word
    return result


def idf_weight(document_count: int, document_frequency: int) -> int:
    """The weight of a term found in `document_frequency` of `document_count` texts, in thousandths.

    ln(1 + N / df): a word in every text weighs about 0.69 (693), a word in one text of 20,000
    about 9.9 (9904). Always positive.
    """
    return round(1000 * math.log(1 + document_count / max(1, document_frequency)))
