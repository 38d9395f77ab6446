"""Where the demo organisations are: real towns with their postcodes, fictional street addresses.

Pure data and helpers. Towns and postcodes are real (so that the department is right); the street
names and numbers are made up for the demo.
"""
import random

# Department -> the towns the demo uses there, with a postcode of each.
TOWNS: dict[str, dict[str, tuple[str, ...]]] = {
    # Occitanie
    "09": {"Foix": ("09000",), "Pamiers": ("09100",), "Saint-Girons": ("09200",),
           "Lavelanet": ("09300",), "Tarascon-sur-Ariège": ("09400",)},
    "11": {"Carcassonne": ("11000",), "Narbonne": ("11100",), "Castelnaudary": ("11400",),
           "Limoux": ("11300",), "Lézignan-Corbières": ("11200",), "Quillan": ("11500",)},
    "12": {"Rodez": ("12000",), "Millau": ("12100",), "Villefranche-de-Rouergue": ("12200",),
           "Decazeville": ("12300",), "Saint-Affrique": ("12400",), "Espalion": ("12500",)},
    "30": {"Nîmes": ("30000", "30900"), "Alès": ("30100",), "Bagnols-sur-Cèze": ("30200",),
           "Beaucaire": ("30300",), "Uzès": ("30700",), "Le Vigan": ("30120",), "Vauvert": ("30600",)},
    "31": {"Toulouse": ("31000", "31200", "31300", "31400", "31500"), "Colomiers": ("31770",),
           "Blagnac": ("31700",), "Muret": ("31600",), "Saint-Gaudens": ("31800",),
           "Tournefeuille": ("31170",), "Balma": ("31130",), "Villefranche-de-Lauragais": ("31290",),
           "Revel": ("31250",), "Ramonville-Saint-Agne": ("31520",), "Portet-sur-Garonne": ("31120",),
           "Fronton": ("31620",), "Cugnaux": ("31270",), "L'Union": ("31240",),
           "Castanet-Tolosan": ("31320",)},
    "32": {"Auch": ("32000",), "Condom": ("32100",), "Fleurance": ("32500",),
           "L'Isle-Jourdain": ("32600",), "Mirande": ("32300",)},
    "34": {"Montpellier": ("34000", "34070", "34080"), "Béziers": ("34500",), "Sète": ("34200",),
           "Lunel": ("34400",), "Agde": ("34300",), "Lodève": ("34700",), "Castelnau-le-Lez": ("34170",),
           "Frontignan": ("34110",), "Pézenas": ("34120",), "Clermont-l'Hérault": ("34800",),
           "Ganges": ("34190",)},
    "46": {"Cahors": ("46000",), "Figeac": ("46100",), "Gourdon": ("46300",), "Souillac": ("46200",),
           "Saint-Céré": ("46400",)},
    "48": {"Mende": ("48000",), "Marvejols": ("48100",), "Florac Trois Rivières": ("48400",),
           "Langogne": ("48300",)},
    "65": {"Tarbes": ("65000",), "Lourdes": ("65100",), "Bagnères-de-Bigorre": ("65200",),
           "Lannemezan": ("65300",)},
    "66": {"Perpignan": ("66000", "66100"), "Céret": ("66400",), "Prades": ("66500",),
           "Argelès-sur-Mer": ("66700",), "Rivesaltes": ("66600",), "Thuir": ("66300",)},
    "81": {"Albi": ("81000",), "Castres": ("81100",), "Gaillac": ("81600",), "Graulhet": ("81300",),
           "Mazamet": ("81200",), "Lavaur": ("81500",), "Carmaux": ("81400",)},
    "82": {"Montauban": ("82000",), "Castelsarrasin": ("82100",), "Moissac": ("82200",),
           "Caussade": ("82300",), "Valence": ("82400",)},
    # Neighbouring regions and national head offices
    "07": {"Aubenas": ("07200",)},
    "13": {"Marseille": ("13003",)},
    "15": {"Aurillac": ("15000",)},
    "33": {"Bordeaux": ("33000",)},
    "44": {"Nantes": ("44000",)},
    "47": {"Agen": ("47000",)},
    "59": {"Lille": ("59000",)},
    "64": {"Pau": ("64000",)},
    "69": {"Lyon": ("69007",)},
    "75": {"Paris": ("75011", "75019")},
    "84": {"Avignon": ("84000",)},
    "93": {"Montreuil": ("93100",)},
}

# "en Haute-Garonne", "dans l'Hérault": how a sentence says "in this department".
IN_DEPARTMENT = {
    "07": "en Ardèche", "09": "en Ariège", "11": "dans l'Aude", "12": "en Aveyron",
    "13": "dans les Bouches-du-Rhône", "15": "dans le Cantal", "30": "dans le Gard",
    "31": "en Haute-Garonne", "32": "dans le Gers", "33": "en Gironde", "34": "dans l'Hérault",
    "44": "en Loire-Atlantique", "46": "dans le Lot", "47": "en Lot-et-Garonne", "48": "en Lozère",
    "59": "dans le Nord", "64": "dans les Pyrénées-Atlantiques", "65": "dans les Hautes-Pyrénées",
    "66": "dans les Pyrénées-Orientales", "69": "dans le Rhône", "75": "à Paris",
    "81": "dans le Tarn", "82": "en Tarn-et-Garonne", "84": "dans le Vaucluse",
    "93": "en Seine-Saint-Denis",
}

# Departments next to each other, for the areas where a company also works.
NEIGHBOURS = {
    "07": ("30", "48"), "09": ("31", "11", "66"), "11": ("34", "66", "81", "09", "31"),
    "12": ("81", "46", "82", "48", "34"), "13": ("30", "34"), "15": ("12", "46", "48"),
    "30": ("34", "48"), "31": ("81", "82", "32", "09", "11", "65"), "32": ("31", "82", "65"),
    "33": ("47", "32", "31"), "34": ("30", "11", "12"), "46": ("82", "12"), "47": ("82", "32"),
    "48": ("30", "12"), "64": ("65", "32"), "65": ("31", "32"), "66": ("11", "09"),
    "81": ("31", "12", "82", "11"), "82": ("31", "46", "81", "32"), "84": ("30",),
}

_STREET_KINDS = ("rue", "rue", "rue", "avenue", "chemin", "allée", "impasse", "boulevard", "route")
_STREET_NAMES = (
    "des Artisans", "du Moulin", "des Tisserands", "de la Filature", "des Coopérateurs", "des Vendanges",
    "du Pastel", "des Cigales", "de l'Écluse", "des Platanes", "du Lavoir", "des Jardiniers",
    "de la Tuilerie", "des Forges", "du Canal", "des Oliviers", "des Remparts", "de la Briqueterie",
    "des Tanneurs", "du Vieux Pont", "des Mûriers", "de la Garenne", "des Castors", "du Pigeonnier",
    "des Acacias", "de la Source", "des Vignerons", "du Four à Chaux", "des Lavandières", "de la Fontaine",
    "des Chênes verts", "du Stade", "des Maraîchers", "de la Poste", "des Rosiers", "de la Ferronnerie",
)
_ZONES = ("ZA du Moulin", "ZA des Perrières", "Zone artisanale de la Plaine", "ZI de la Gare",
          "Parc d'activités des Cèdres", "ZA de Camp Long", "Pôle solidaire des Tilleuls")


def street_address(rng: random.Random) -> str:
    """A fictional street address: "12 rue des Tisserands", sometimes in an activity zone."""
    street = f"{rng.randint(1, 148)} {rng.choice(_STREET_KINDS)} {rng.choice(_STREET_NAMES)}"
    if rng.random() < 0.2:
        return f"{rng.choice(_ZONES)}, {street}"
    return street


def postcode(department: str, town: str, rng: random.Random) -> str:
    """A real postcode of `town` (which must be one of TOWNS[department])."""
    return rng.choice(TOWNS[department][town])
