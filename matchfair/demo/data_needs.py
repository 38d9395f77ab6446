"""The demo's 40 buyers' needs: believable upcoming purchases of Occitanie's public bodies.

Dates are relative to the day the demo is loaded (months from today), so that the needs are always
upcoming. Every CPV code is in data_cpv.py or among the shipped divisions. Amounts are euros
excluding VAT for the whole contract.
"""
from typing import NamedTuple


class DemoLot(NamedTuple):
    title: str
    cpv: tuple[str, ...]
    amount: int | None


class DemoNeed(NamedTuple):
    buyer: str
    title: str
    description: str
    cpv: tuple[str, ...]
    amount: int | None
    publish_in: int | None  # months from today to the expected publication of the consultation
    duration: int | None  # months
    reservation: str = "none"
    social: str = "none"
    hours: int | None = None
    environmental: bool = False
    innovative: bool = False
    procedure: str = "undecided"
    status: str = "published"
    lots: tuple[DemoLot, ...] = ()
    department: str | None = None  # default: the buyer's
    renews: bool = False  # renews a contract ending the day before the new one starts


# The need of the showcase scenario: the region's high schools, reserved to SIAE; the social
# clause's hours are left for the facilitator to propose.
HIGH_SCHOOLS = "Nettoyage des lycées de la Haute-Garonne"

# Awarded need: (title, demo SSE company, amount).
AWARDED = ("Blanchisserie du linge plat des services de soins", "ESAT Les Berges du Canal", 176_000)

NEEDS: tuple[DemoNeed, ...] = (
    DemoNeed("Région Occitanie", HIGH_SCHOOLS,
             "Nettoyage quotidien des locaux d'enseignement, des internats et des espaces communs de 14 lycées de la "
             "Haute-Garonne (environ 120 000 m²), pendant l'année scolaire et lors des petites vacances. Le marché "
             "est réservé aux structures d'insertion par l'activité économique ; les lots suivent les bassins de vie "
             "pour permettre à des structures locales de répondre.",
             ("90919000", "90911200"), 2_400_000, 3, 48, reservation="L2113-13", social="execution",
             environmental=True, procedure="tender", renews=True,
             lots=(DemoLot("Lycées de Toulouse nord", ("90919000",), 900_000),
                   DemoLot("Lycées de Toulouse sud et du Muretain", ("90919000",), 800_000),
                   DemoLot("Lycées du Comminges et du Lauragais", ("90919000",), 450_000),
                   DemoLot("Vitrerie de tous les lycées", ("90911300",), 250_000))),
    DemoNeed("Région Occitanie", "Restauration des lycées agricoles en produits locaux",
             "Fourniture de fruits et légumes de saison, issus de l'agriculture biologique ou locale, pour les "
             "cuisines de 6 lycées agricoles. Livraisons deux fois par semaine.",
             ("03221000", "15300000"), 320_000, 5, 36, social="award", environmental=True, procedure="adapted",
             department="32",
             lots=(DemoLot("Légumes de saison", ("03221000",), 190_000),
                   DemoLot("Fruits de saison", ("15300000",), 130_000))),
    DemoNeed("Région Occitanie", "Reconditionnement des ordinateurs des lycées",
             "Reprise, effacement certifié des données et reconditionnement de 3 000 ordinateurs par an, remis "
             "ensuite à des associations et à des familles.",
             ("50320000", "30213000"), 450_000, 6, 36, reservation="L2113-12", environmental=True,
             procedure="adapted"),
    DemoNeed("Région Occitanie", "Entretien des espaces verts des lycées du Tarn",
             "Tonte, taille des haies et désherbage sans produits phytosanitaires dans 9 lycées du Tarn.",
             ("77313000", "77340000"), 140_000, 8, 36, reservation="L2113-14", environmental=True,
             status="draft", department="81"),
    DemoNeed("Département de la Haute-Garonne", "Entretien des espaces naturels sensibles",
             "Débroussaillage, entretien des sentiers et petits aménagements dans 12 espaces naturels sensibles du "
             "département, avec un chantier d'insertion par site si possible.",
             ("77314000", "77312000"), 380_000, 4, 48, social="execution", hours=3_500, environmental=True,
             procedure="adapted",
             lots=(DemoLot("Espaces naturels du Comminges", ("77314000",), 180_000),
                   DemoLot("Espaces naturels de la plaine toulousaine", ("77314000", "77312000"), 200_000))),
    DemoNeed("Département de la Haute-Garonne", "Collecte et recyclage des équipements électriques des collèges",
             "Collecte sur site, tri et recyclage des équipements électriques et électroniques hors d'usage (D3E) "
             "de 96 collèges, avec réemploi de ce qui peut l'être.",
             ("90514000", "90510000"), 95_000, 2, 24, reservation="L2113-13", environmental=True,
             procedure="adapted"),
    DemoNeed("Département de la Haute-Garonne", "Impression des supports de communication du Département",
             "Impression du magazine départemental (4 numéros par an), d'affiches et de dépliants, sur papier "
             "recyclé, avec mise sous pli des envois nominatifs.",
             ("79810000", "79571000"), 260_000, 7, 48, reservation="L2113-12", environmental=True,
             procedure="adapted",
             lots=(DemoLot("Impression du magazine et des affiches", ("79810000",), 190_000),
                   DemoLot("Mise sous pli et routage", ("79571000",), 70_000))),
    DemoNeed("Département de l'Hérault", "Restauration scolaire des collèges du Lodévois",
             "Préparation et livraison en liaison chaude de 800 repas par jour pour 4 collèges, avec 50 % de "
             "produits durables dont 20 % biologiques.",
             ("55524000", "55521200"), 1_200_000, 9, 48, social="execution", hours=4_000, environmental=True,
             procedure="tender"),
    DemoNeed("Département de l'Hérault", "Entretien des abords des routes départementales",
             "Fauchage raisonné, élagage et ramassage des déchets le long de 300 km de routes départementales.",
             ("77340000", "90610000"), 520_000, 10, 36, social="execution", hours=2_500, procedure="adapted",
             status="draft"),
    DemoNeed("Département du Gard", "Nettoyage des bâtiments départementaux d'Alès",
             "Nettoyage des bureaux et des espaces d'accueil de 5 bâtiments départementaux à Alès.",
             ("90919000",), 210_000, 4, 36, reservation="L2113-13", social="none", procedure="adapted",
             renews=True),
    DemoNeed("Département du Gard", "Ateliers d'insertion par la culture pour les allocataires du RSA",
             "Ateliers de théâtre et d'expression pour des allocataires du RSA, pour reprendre confiance et "
             "préparer un retour à l'emploi.",
             ("92312000", "85312000"), 90_000, 3, 24, reservation="L2113-15", procedure="adapted"),
    DemoNeed("Département du Tarn", "Nettoyage des collèges du sud du Tarn",
             "Nettoyage quotidien de 8 collèges du bassin de Castres et de Mazamet.",
             ("90919000",), 680_000, 5, 48, social="execution", hours=3_000, procedure="tender",
             lots=(DemoLot("Collèges du bassin de Castres", ("90919000",), 400_000),
                   DemoLot("Collèges du bassin de Mazamet", ("90919000",), 280_000))),
    DemoNeed("Département de l'Aude", "Transport adapté des élèves en situation de handicap",
             "Transport quotidien domicile-établissement de 60 élèves en situation de handicap.",
             ("60130000",), 900_000, 6, 36, social="award", procedure="tender"),
    DemoNeed("Département des Pyrénées-Orientales", "Fruits et légumes locaux pour les collèges",
             "Approvisionnement des cuisines de 31 collèges en fruits et légumes de producteurs du département.",
             ("03221000", "15300000"), 400_000, 4, 36, environmental=True, procedure="adapted",
             lots=(DemoLot("Collèges de la plaine du Roussillon", ("03221000", "15300000"), 250_000),
                   DemoLot("Collèges du Conflent et du Vallespir", ("03221000", "15300000"), 150_000))),
    DemoNeed("Toulouse Métropole", "Logistique urbaine à vélo cargo",
             "Livraison à vélo cargo des plis et petits colis entre les sites de la Métropole au centre de "
             "Toulouse.",
             ("64121200", "60161000"), 150_000, 3, 36, environmental=True, innovative=True, procedure="adapted"),
    DemoNeed("Toulouse Métropole", "Propreté des marchés de plein vent",
             "Nettoyage des places après les marchés de plein vent, 6 jours sur 7.",
             ("90610000",), 1_100_000, 8, 48, social="execution", hours=6_000, procedure="tender"),
    DemoNeed("Montpellier Méditerranée Métropole", "Réemploi du mobilier de bureau",
             "Reprise, réparation et remise en service du mobilier de bureau des services métropolitains.",
             ("50850000", "39150000"), 85_000, 2, 24, reservation="L2113-13", environmental=True,
             procedure="adapted"),
    DemoNeed("Montpellier Méditerranée Métropole", "Animation des jardins partagés",
             "Animation de 10 jardins partagés dans les quartiers prioritaires : ateliers, accompagnement des "
             "habitants, lien social.",
             ("85312000",), 240_000, 5, 36, reservation="L2113-15", procedure="adapted"),
    DemoNeed("Ville de Toulouse", "Nettoyage des crèches municipales",
             "Nettoyage quotidien de 20 crèches avec des produits écolabellisés.",
             ("90919000", "90911200"), 780_000, 6, 48, social="execution", hours=5_000, environmental=True,
             procedure="tender", renews=True),
    DemoNeed("Ville de Toulouse", "Organisation de la fête des associations",
             "Logistique, accueil et animation de la fête annuelle des associations (2 jours, 300 stands).",
             ("79952000", "79956000"), 58_000, 2, 12, procedure="direct"),
    DemoNeed("Ville de Montpellier", "Restauration scolaire bio et locale : pain et légumes",
             "Fourniture de légumes et de pain biologiques pour les restaurants scolaires.",
             ("03221000",), 600_000, 7, 48, environmental=True, procedure="tender", status="draft"),
    DemoNeed("Ville de Nîmes", "Entretien des espaces verts des écoles",
             "Tonte, taille et désherbage manuel des espaces verts de 25 écoles, hors vacances scolaires.",
             ("77313000",), 160_000, 3, 36, reservation="L2113-12", environmental=True, procedure="adapted"),
    DemoNeed("Ville de Perpignan", "Rénovation des peintures des écoles",
             "Remise en peinture de 40 salles de classe pendant les vacances d'été, avec clause d'insertion.",
             ("45440000",), 95_000, 2, 3, social="execution", hours=700, procedure="adapted"),
    DemoNeed("Ville d'Albi", "Entretien des espaces verts des cimetières",
             "Tonte, désherbage manuel et entretien des allées de 3 cimetières.",
             ("77313000", "77312000"), 48_000, 1, 12, reservation="L2113-12", environmental=True,
             procedure="direct"),
    DemoNeed("Ville de Rodez", "Impression du magazine municipal",
             "Impression de 10 numéros par an du magazine municipal (14 000 exemplaires), papier recyclé.",
             ("79810000",), 42_000, 2, 12, reservation="L2113-12", environmental=True, procedure="direct"),
    DemoNeed("Carcassonne Agglo", "Valorisation des objets déposés en déchèterie",
             "Collecte des objets réemployables dans 4 déchèteries, remise en état et revente en ressourcerie.",
             ("90514000",), 120_000, 4, 36, reservation="L2113-13", environmental=True, procedure="adapted"),
    DemoNeed("Grand Auch Cœur de Gascogne", "Transport à la demande des communes rurales",
             "Transport à la demande des personnes âgées et isolées vers les bourgs-centres, 3 jours par semaine.",
             ("60140000",), 260_000, 5, 36, social="award", procedure="adapted"),
    DemoNeed("Communauté de communes Lodévois et Larzac", "Nettoyage des locaux communautaires",
             "Nettoyage de la maison de services au public et de deux bureaux d'accueil.",
             ("90919000",), 28_000, 1, 24, reservation="L2113-13", procedure="direct"),
    DemoNeed("CHU de Toulouse", "Blanchisserie du linge plat des services de soins",
             "Traitement du linge plat (draps, taies, serviettes) de 4 services de soins : collecte, lavage, "
             "repassage et livraison.",
             ("98310000", "98311000"), 180_000, -4, 36, reservation="L2113-12", procedure="adapted"),
    DemoNeed("CHU de Toulouse", "Restauration du personnel de nuit",
             "Préparation et livraison de plateaux-repas pour le personnel de nuit de 3 sites.",
             ("55321000", "55521200"), 340_000, 4, 36, social="execution", hours=1_500, environmental=True,
             procedure="adapted"),
    DemoNeed("CHU de Toulouse", "Numérisation des dossiers médicaux archivés",
             "Numérisation et indexation de 2 millions de pages d'archives médicales, sur site et en toute "
             "confidentialité.",
             ("79999000", "92512000"), 220_000, 6, 24, reservation="L2113-12", procedure="adapted",
             status="draft"),
    DemoNeed("CHU de Montpellier", "Gestion du linge des résidents de l'EHPAD",
             "Marquage, lavage, repassage et petite couture du linge personnel de 180 résidents.",
             ("98310000", "98315000"), 210_000, 3, 36, reservation="L2113-14", procedure="adapted"),
    DemoNeed("CHU de Montpellier", "Entretien des espaces verts des sites hospitaliers",
             "Entretien des parcs et jardins de 3 sites hospitaliers, avec un jardin thérapeutique.",
             ("77313000", "77314000"), 300_000, 8, 36, social="execution", hours=2_000, environmental=True,
             procedure="adapted"),
    DemoNeed("CHU de Nîmes", "Légumes frais de producteurs gardois",
             "Approvisionnement de la cuisine centrale en légumes frais de saison.",
             ("03221000",), 150_000, 3, 24, environmental=True, procedure="adapted"),
    DemoNeed("Toulouse Métropole Habitat", "Remise en état des logements avant relocation",
             "Petits travaux de peinture, de revêtements de sols et de menuiserie entre deux locataires.",
             ("45453000", "45440000", "45430000"), 850_000, 4, 48, social="execution", hours=8_000,
             procedure="tender",
             lots=(DemoLot("Peinture", ("45440000",), 400_000),
                   DemoLot("Revêtements de sols", ("45430000",), 300_000),
                   DemoLot("Menuiserie", ("45421000",), 150_000))),
    DemoNeed("Hérault Logement", "Entretien des parties communes des résidences de Béziers",
             "Nettoyage des halls, cages d'escalier et abords de 35 résidences.",
             ("90911200",), 300_000, 5, 36, reservation="L2113-13", procedure="adapted"),
    DemoNeed("Tarn Habitat", "Remise en peinture des halls d'immeubles",
             "Peinture des halls et cages d'escalier de 12 résidences d'Albi et de Castres.",
             ("45440000",), 85_000, 2, 6, social="execution", hours=600, procedure="direct"),
    DemoNeed("Préfecture de la région Occitanie", "Accueil et standard des services de l'État",
             "Accueil physique et téléphonique de la cité administrative de Toulouse.",
             ("79992000",), 400_000, 6, 48, reservation="L2113-12", procedure="adapted",
             status="closed"),
    DemoNeed("Rectorat de l'académie de Toulouse", "Formation des agents à l'accueil des personnes handicapées",
             "Sessions de formation d'une journée pour 400 agents d'accueil.",
             ("80530000",), 55_000, 2, 24, procedure="direct"),
    DemoNeed("Université de Montpellier", "Interprétation en langue des signes des cours",
             "Interprétation en LSF des cours et examens pour les étudiants sourds, à la demande.",
             ("79540000",), 120_000, 3, 36, social="award", procedure="adapted"),
    DemoNeed("Garonne Aéro Industries", "Conditionnement de pièces détachées",
             "Conditionnement, étiquetage et mise sous film de petites pièces, 20 000 unités par mois.",
             ("79571000",), 180_000, 2, 24, procedure="other"),
    DemoNeed("Mutuelle Solidaire du Midi", "Impression et mise sous pli des avis d'échéance",
             "Impression et mise sous pli de 60 000 avis par an.",
             ("79810000", "79571000"), 70_000, 3, 36, procedure="other", status="draft"),
)
