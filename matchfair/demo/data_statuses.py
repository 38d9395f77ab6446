"""The kinds of SSE company in the demo: statuses, size, people in insertion or with disabilities,
and the sentence of each description that says who works there.

Placeholders: {headcount}, {insertion} (people in insertion), {disabled} (workers with disabilities),
{staff} (supervisors), {members} (members of a SCOP), {partners} (members of a SCIC).
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Profile:
    # Status values stored in organisation_status (SseStatus), and the SIAE kind if any.
    statuses: tuple[str, ...]
    siae_kind: str | None
    headcount: tuple[int, int]
    # Share of the headcount in an insertion pathway (SIAE, GEIQ); None when not applicable.
    insertion_share: tuple[float, float] | None
    # Share of workers with disabilities (EA, ESAT), said in the description.
    disabled_share: tuple[float, float] | None
    sentences: tuple[str, ...]
    # Said once in a while at the end: the reserved contracts the company can answer.
    reserved: str | None = None


_SIAE_RESERVED = ("Nous pouvons répondre aux marchés réservés aux structures d'insertion "
                  "(article L2113-13 du code de la commande publique).")
_DISABILITY_RESERVED = ("Nous pouvons répondre aux marchés réservés aux entreprises adaptées et aux ESAT "
                        "(article L2113-12 du code de la commande publique).")

PROFILES: dict[str, Profile] = {
    "ACI": Profile(
        ("siae", "ess"), "ACI", (12, 45), (0.7, 0.85), None,
        (
            "Atelier et chantier d'insertion, l'association emploie {insertion} salariés en parcours d'insertion, encadrés par des encadrants techniques et une accompagnatrice socioprofessionnelle.",
            "Chantier d'insertion conventionné, nous accueillons {insertion} personnes en contrat à durée déterminée d'insertion, avec un accompagnement vers l'emploi et la formation.",
            "Nos {insertion} salariés en insertion apprennent un métier sur le terrain et construisent leur projet professionnel avec notre équipe d'accompagnement.",
        ),
        _SIAE_RESERVED,
    ),
    "EI": Profile(
        ("siae",), "EI", (10, 60), (0.45, 0.65), None,
        (
            "Entreprise d'insertion, nous comptons {headcount} salariés, dont {insertion} en parcours d'insertion recrutés avec France Travail.",
            "Entreprise d'insertion : sur nos {headcount} salariés, {insertion} sont en parcours d'insertion et préparent un emploi durable.",
            "Nous sommes une entreprise d'insertion : {insertion} de nos {headcount} salariés y retrouvent un emploi et une qualification.",
        ),
        _SIAE_RESERVED,
    ),
    "AI": Profile(
        ("siae", "ess"), "AI", (40, 160), (0.85, 0.95), None,
        (
            "Association intermédiaire, nous mettons {insertion} personnes en parcours d'insertion à disposition des collectivités, des associations et des particuliers.",
            "Association intermédiaire conventionnée par l'État, nous accompagnons {insertion} salariés en insertion à travers des missions de travail adaptées.",
        ),
        _SIAE_RESERVED,
    ),
    "ETTI": Profile(
        ("siae",), "ETTI", (30, 120), (0.85, 0.95), None,
        (
            "Entreprise de travail temporaire d'insertion, nous déléguons chaque année {insertion} intérimaires en parcours d'insertion.",
            "ETTI, nous proposons des missions d'intérim à {insertion} personnes éloignées de l'emploi, avec un suivi tout au long du parcours.",
        ),
        _SIAE_RESERVED,
    ),
    "EITI": Profile(
        ("siae",), "EITI", (8, 40), (0.7, 0.9), None,
        (
            "Entreprise d'insertion par le travail indépendant, nous accompagnons {insertion} travailleurs indépendants en parcours d'insertion.",
            "EITI : nos {insertion} indépendants en insertion reçoivent missions, formation et accompagnement pour faire vivre leur activité.",
        ),
        _SIAE_RESERVED,
    ),
    "EA": Profile(
        ("ea",), None, (15, 110), None, (0.6, 0.85),
        (
            "Entreprise adaptée, nous employons {headcount} salariés, dont {disabled} travailleurs en situation de handicap.",
            "Entreprise adaptée : {disabled} de nos {headcount} salariés sont reconnus travailleurs handicapés, avec des postes aménagés et un accompagnement dédié.",
            "Nos {disabled} salariés en situation de handicap (sur {headcount}) sont formés et accompagnés pour évoluer dans l'entreprise ou vers d'autres employeurs.",
        ),
        _DISABILITY_RESERVED,
    ),
    "ESAT": Profile(
        ("esat",), None, (35, 120), None, (0.8, 0.9),
        (
            "L'ESAT accompagne {disabled} travailleurs en situation de handicap, encadrés par {staff} moniteurs d'atelier.",
            "Établissement et service d'accompagnement par le travail, nous offrons à {disabled} travailleurs handicapés une activité professionnelle et un soutien médico-social.",
            "Nos {disabled} travailleurs en situation de handicap, accompagnés par {staff} professionnels, réalisent les prestations avec une qualité suivie.",
        ),
        _DISABILITY_RESERVED,
    ),
    "GEIQ": Profile(
        ("geiq", "ess"), None, (15, 70), (0.7, 0.85), None,
        (
            "Groupement d'employeurs pour l'insertion et la qualification, nous recrutons des personnes éloignées de l'emploi et les formons en alternance chez nos entreprises adhérentes : {insertion} salariés en parcours cette année.",
            "GEIQ, nous associons une trentaine d'entreprises adhérentes qui forment {insertion} salariés en contrat de professionnalisation.",
        ),
    ),
    "SCOP": Profile(
        ("ess",), None, (5, 45), None, None,
        (
            "SCOP, l'entreprise appartient à ses salariés : {members} de nos {headcount} salariés sont associés, une personne, une voix.",
            "Société coopérative et participative de {headcount} salariés, nous décidons ensemble des orientations de l'entreprise et partageons les bénéfices.",
            "Coopérative de salariés, nous réinvestissons une large part des résultats dans l'outil de travail et la formation de l'équipe de {headcount} personnes.",
        ),
    ),
    "SCIC": Profile(
        ("ess",), None, (4, 30), None, None,
        (
            "Société coopérative d'intérêt collectif, nous réunissons salariés, usagers, collectivités et partenaires locaux dans notre sociétariat.",
            "SCIC, notre capital est détenu par {partners} sociétaires : salariés, habitants, collectivités et entreprises du territoire.",
        ),
    ),
    "ASSO": Profile(
        ("ess",), None, (3, 25), None, None,
        (
            "Association loi 1901 de {headcount} salariés, nous sommes portés par des bénévoles engagés et un conseil d'administration ouvert aux habitants.",
            "Notre association emploie {headcount} salariés et s'appuie sur un réseau de bénévoles et de partenaires du territoire.",
            "Association d'intérêt général, nous réunissons {headcount} salariés autour d'un projet de territoire.",
        ),
    ),
    "ESUS": Profile(
        ("esus", "ess"), None, (5, 35), None, None,
        (
            "Entreprise agréée ESUS (entreprise solidaire d'utilité sociale), nous réinvestissons l'essentiel de nos bénéfices dans notre projet social.",
            "Agréée entreprise solidaire d'utilité sociale, notre société de {headcount} salariés encadre les écarts de salaires et réinvestit ses bénéfices.",
        ),
    ),
    "FOND": Profile(
        ("ess",), None, (40, 250), None, None,
        (
            "Fondation reconnue d'utilité publique, nous agissons avec {headcount} professionnels et de nombreux bénévoles.",
        ),
    ),
}
