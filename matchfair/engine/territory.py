"""French territory: the 18 regions and 101 departments with their INSEE codes.

Pure data and helpers (no Flask, no SQLAlchemy). Codes are strings: "01", "2A", "974".
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    timezone: str


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    region_code: str


REGIONS: dict[str, Region] = {
    r.code: r
    for r in (
        Region("01", "Guadeloupe", "America/Guadeloupe"),
        Region("02", "Martinique", "America/Martinique"),
        Region("03", "Guyane", "America/Cayenne"),
        Region("04", "La Réunion", "Indian/Reunion"),
        Region("06", "Mayotte", "Indian/Mayotte"),
        Region("11", "Île-de-France", "Europe/Paris"),
        Region("24", "Centre-Val de Loire", "Europe/Paris"),
        Region("27", "Bourgogne-Franche-Comté", "Europe/Paris"),
        Region("28", "Normandie", "Europe/Paris"),
        Region("32", "Hauts-de-France", "Europe/Paris"),
        Region("44", "Grand Est", "Europe/Paris"),
        Region("52", "Pays de la Loire", "Europe/Paris"),
        Region("53", "Bretagne", "Europe/Paris"),
        Region("75", "Nouvelle-Aquitaine", "Europe/Paris"),
        Region("76", "Occitanie", "Europe/Paris"),
        Region("84", "Auvergne-Rhône-Alpes", "Europe/Paris"),
        Region("93", "Provence-Alpes-Côte d'Azur", "Europe/Paris"),
        Region("94", "Corse", "Europe/Paris"),
    )
}

_DEPARTMENTS = """
01 Ain 84|02 Aisne 32|03 Allier 84|04 Alpes-de-Haute-Provence 93|05 Hautes-Alpes 93|
06 Alpes-Maritimes 93|07 Ardèche 84|08 Ardennes 44|09 Ariège 76|10 Aube 44|11 Aude 76|
12 Aveyron 76|13 Bouches-du-Rhône 93|14 Calvados 28|15 Cantal 84|16 Charente 75|
17 Charente-Maritime 75|18 Cher 24|19 Corrèze 75|2A Corse-du-Sud 94|2B Haute-Corse 94|
21 Côte-d'Or 27|22 Côtes-d'Armor 53|23 Creuse 75|24 Dordogne 75|25 Doubs 27|26 Drôme 84|
27 Eure 28|28 Eure-et-Loir 24|29 Finistère 53|30 Gard 76|31 Haute-Garonne 76|32 Gers 76|
33 Gironde 75|34 Hérault 76|35 Ille-et-Vilaine 53|36 Indre 24|37 Indre-et-Loire 24|38 Isère 84|
39 Jura 27|40 Landes 75|41 Loir-et-Cher 24|42 Loire 84|43 Haute-Loire 84|44 Loire-Atlantique 52|
45 Loiret 24|46 Lot 76|47 Lot-et-Garonne 75|48 Lozère 76|49 Maine-et-Loire 52|50 Manche 28|
51 Marne 44|52 Haute-Marne 44|53 Mayenne 52|54 Meurthe-et-Moselle 44|55 Meuse 44|
56 Morbihan 53|57 Moselle 44|58 Nièvre 27|59 Nord 32|60 Oise 32|61 Orne 28|62 Pas-de-Calais 32|
63 Puy-de-Dôme 84|64 Pyrénées-Atlantiques 75|65 Hautes-Pyrénées 76|66 Pyrénées-Orientales 76|
67 Bas-Rhin 44|68 Haut-Rhin 44|69 Rhône 84|70 Haute-Saône 27|71 Saône-et-Loire 27|72 Sarthe 52|
73 Savoie 84|74 Haute-Savoie 84|75 Paris 11|76 Seine-Maritime 28|77 Seine-et-Marne 11|
78 Yvelines 11|79 Deux-Sèvres 75|80 Somme 32|81 Tarn 76|82 Tarn-et-Garonne 76|83 Var 93|
84 Vaucluse 93|85 Vendée 52|86 Vienne 75|87 Haute-Vienne 75|88 Vosges 44|89 Yonne 27|
90 Territoire de Belfort 27|91 Essonne 11|92 Hauts-de-Seine 11|93 Seine-Saint-Denis 11|
94 Val-de-Marne 11|95 Val-d'Oise 11|971 Guadeloupe 01|972 Martinique 02|973 Guyane 03|
974 La Réunion 04|976 Mayotte 06
"""


def _parse(text: str) -> dict[str, Department]:
    result = {}
    for item in text.replace("\n", "").split("|"):
        code, rest = item.strip().split(" ", 1)
        name, region = rest.rsplit(" ", 1)
        result[code] = Department(code, name, region)
    return result


DEPARTMENTS: dict[str, Department] = _parse(_DEPARTMENTS)


def normalize_department(code: str | None) -> str | None:
    """The department code as INSEE writes it ("1" -> "01", "2a" -> "2A"), or None if unknown."""
    if not code:
        return None
    code = code.strip().upper()
    if code.isdigit() and len(code) == 1:
        code = "0" + code
    return code if code in DEPARTMENTS else None


def department_name(code: str) -> str:
    """The name of a department, or the code itself when it is unknown."""
    dep = DEPARTMENTS.get(code)
    return dep.name if dep else code


def region_name(code: str) -> str:
    """The name of a region, or the code itself when it is unknown."""
    reg = REGIONS.get(code)
    return reg.name if reg else code


def region_of(department_code: str) -> str | None:
    """The INSEE code of the region a department belongs to."""
    dep = DEPARTMENTS.get(department_code)
    return dep.region_code if dep else None


def departments_of(region_code: str) -> list[str]:
    """The department codes of a region, in INSEE order."""
    return [d.code for d in DEPARTMENTS.values() if d.region_code == region_code]


def department_choices() -> list[tuple[str, str]]:
    """(code, "code - name") pairs for select fields, in INSEE order."""
    return [(d.code, f"{d.code} – {d.name}") for d in DEPARTMENTS.values()]


def region_choices() -> list[tuple[str, str]]:
    """(code, name) pairs for select fields, sorted by name."""
    return sorted(((r.code, r.name) for r in REGIONS.values()), key=lambda c: c[1])
