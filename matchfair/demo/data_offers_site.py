"""The demo's offer templates for the trades done on site or in workshops (data_activities.py);
data_offers_services.py has the others. Texts written for the demo; codes from each activity's own.
Client kinds: see offers.CLIENT_KINDS.
"""
from .offer_template import O, OfferTemplate, R

SITE_OFFERS: dict[str, tuple[OfferTemplate, ...]] = {
    "cleaning": (
        O("Nettoyage de locaux et vitrerie {in_dep}",
          "Entretien régulier de bureaux, d'écoles, de gymnases et de parties communes, vitrerie comprise, en journée "
          "ou en horaires décalés. Un chef d'équipe suit chaque site, tient le cahier de liaison et fait le point chaque mois avec le client.",
          ("90911200", "90911300", "90919000"),
          R("mairie", "nettoyage de {n} écoles et de la médiathèque", 25_000, 90_000),
          R("departement", "entretien des locaux de {n} collèges", 60_000, 180_000),
          R("bailleur", "nettoyage des parties communes de {n} résidences", 30_000, 120_000, (4, 15)),
          R("ccas", "entretien des locaux d'accueil et de la crèche", 12_000, 35_000)),
        O("Remise en état après travaux et décapage des sols",
          "Nettoyage de fin de chantier, décapage, cristallisation et remise en cire des sols, lessivage des murs : nous "
          "rendons les locaux prêts à l'emploi, y compris les logements avant relocation.",
          ("90910000", "90911200"),
          R("bailleur", "remise en état de {n} logements vacants avant relocation", 8_000, 45_000, (10, 40)),
          R("mairie", "décapage et remise en cire des sols de {n} gymnases", 5_000, 20_000, (2, 4)),
          R("college", "nettoyage de fin de chantier après la rénovation de la demi-pension", 4_000, 15_000)),
        O("Propreté urbaine : balayage manuel et abords de marchés",
          "Balayage manuel des rues et des places, nettoyage après les marchés et les manifestations, enlèvement des "
          "dépôts sauvages, avec des équipes en insertion encadrées sur le terrain.",
          ("90610000", "90910000"),
          R("mairie", "balayage du centre-ville et nettoyage après {n} marchés hebdomadaires", 30_000, 85_000, (2, 4)),
          R("epci", "nettoyage des abords de {n} points d'apport volontaire", 20_000, 60_000, (20, 60)),
          R("mairie", "nettoyage après la fête locale et les marchés de Noël", 6_000, 18_000)),
    ),
    "green_spaces": (
        O("Entretien d'espaces verts sans pesticides {in_dep}",
          "Tonte, taille, désherbage manuel ou thermique, paillage et fauche tardive : une gestion différenciée qui "
          "préserve la biodiversité. Les déchets verts sont broyés et valorisés sur place.",
          ("77310000", "77313000", "77314000"),
          R("mairie", "entretien des parcs, du cimetière et de {n} squares", 20_000, 75_000),
          R("bailleur", "entretien des espaces extérieurs de {n} résidences", 25_000, 90_000, (5, 20)),
          R("departement", "entretien des abords de {n} collèges", 15_000, 50_000),
          R("ehpad", "entretien du parc et du jardin thérapeutique", 5_000, 14_000)),
        O("Élagage, taille de haies et débroussaillage",
          "Élagage raisonné et taille des haies champêtres, débroussaillage des bords de voies et des zones à risque "
          "d'incendie, avec broyage sur place et grimpeurs formés.",
          ("77340000", "77312000"),
          R("mairie", "élagage de {n} platanes d'alignement", 8_000, 30_000, (40, 150)),
          R("epci", "débroussaillage des abords de {n} kilomètres de sentiers de randonnée", 10_000, 35_000, (15, 60)),
          R("departement", "taille des haies et fauche des bords de routes départementales", 25_000, 80_000)),
        O("Création de jardins partagés et plantations",
          "Conception et réalisation de jardins partagés, de vergers et de haies avec les habitants, les écoles et les "
          "résidents, puis accompagnement des premières saisons.",
          ("77310000", "77313000"),
          R("bailleur", "création d'un jardin partagé au pied de {n} immeubles", 8_000, 25_000, (2, 5)),
          R("mairie", "plantation d'un verger et de {n} mètres de haies dans les écoles", 6_000, 20_000, (100, 400)),
          R("ccas", "jardin partagé pour les bénéficiaires de l'épicerie solidaire", 4_000, 10_000)),
    ),
    "catering": (
        O("Repas en liaison froide pour la restauration scolaire",
          "Préparation et livraison de repas en liaison froide pour les écoles, les crèches et les centres de loisirs, "
          "avec plus de 40 % de produits bio ou sous signe de qualité et un menu végétarien chaque jour.",
          ("55524000", "55523000", "55520000"),
          R("mairie", "repas des {n} restaurants scolaires de la commune", 80_000, 350_000, (2, 6)),
          R("ccas", "repas des accueils de loisirs pendant les vacances", 15_000, 45_000),
          R("college", "fourniture de repas pendant les travaux de la cuisine", 20_000, 60_000)),
        O("Portage de repas à domicile",
          "Repas équilibrés livrés à domicile aux personnes âgées ou en situation de handicap, adaptés aux régimes, "
          "avec un temps d'échange à chaque livraison.",
          ("55521200", "55321000"),
          R("ccas", "portage de {n} repas par jour à domicile", 40_000, 150_000, (60, 200)),
          R("epci", "portage de repas dans {n} communes rurales", 50_000, 160_000, (8, 25)),
          R("ehpad", "repas de l'accueil de jour", 15_000, 40_000)),
        O("Traiteur responsable pour réunions et événements {in_dep}",
          "Buffets, plateaux-repas et cocktails pour les réunions, séminaires et inaugurations, en produits locaux et de "
          "saison, servis dans de la vaisselle réutilisable.",
          ("55520000", "55523000"),
          R("departement", "buffets des {n} séances plénières de l'année", 10_000, 35_000, (4, 10)),
          R("mairie", "cocktail des vœux et de {n} inaugurations", 5_000, 18_000),
          R("entreprise", "plateaux-repas des réunions et du séminaire annuel", 8_000, 25_000)),
    ),
    "market_gardening": (
        O("Légumes bio de saison pour la restauration collective",
          "Légumes de saison en agriculture biologique, bruts ou prêts à l'emploi, livrés chaque semaine aux cuisines "
          "centrales et aux restaurants scolaires, avec un calendrier de production établi ensemble.",
          ("03221000", "15300000"),
          R("mairie", "légumes bio pour la cuisine centrale ({n} tonnes par an)", 15_000, 60_000, (8, 30)),
          R("departement", "approvisionnement de {n} collèges en légumes bio", 20_000, 70_000, (3, 10)),
          R("hopital", "légumes de saison pour le self du personnel", 10_000, 30_000)),
        O("Paniers de légumes et plants potagers",
          "Paniers hebdomadaires pour les agents et les habitants, plants potagers et fleurs pour les jardins "
          "partagés et les espaces publics.",
          ("03221000", "03121000"),
          R("ccas", "paniers solidaires pour {n} familles suivies", 6_000, 20_000, (30, 120)),
          R("mairie", "plants potagers pour {n} jardins familiaux", 3_000, 9_000, (20, 80)),
          R("entreprise", "paniers de légumes livrés chaque semaine aux salariés", 8_000, 25_000)),
    ),
    "laundry": (
        O("Blanchisserie pour établissements de santé et médico-sociaux",
          "Collecte, lavage, séchage, repassage et livraison du linge plat et des tenues selon la méthode RABC, avec le "
          "marquage, les petites coutures et le suivi des stocks.",
          ("98310000", "98311000", "98315000"),
          R("ehpad", "linge des résidents et linge plat ({n} kilos par semaine)", 25_000, 90_000, (500, 2_000)),
          R("hopital", "entretien des tenues professionnelles de {n} services", 40_000, 160_000, (4, 12)),
          R("ccas", "linge de la crèche et de la résidence autonomie", 8_000, 25_000)),
        O("Entretien des vêtements de travail",
          "Lavage, contrôle et réparation des vêtements de travail et des équipements des services techniques, des "
          "cuisines et des écoles, collectés et livrés sur site.",
          ("98312000", "98311000"),
          R("mairie", "entretien des tenues de {n} agents des services techniques", 8_000, 30_000, (40, 150)),
          R("departement", "vêtements de travail des agents des routes", 20_000, 60_000),
          R("entreprise", "tenues de l'atelier et de la cuisine d'entreprise", 10_000, 35_000)),
    ),
    "recycling": (
        O("Collecte et réemploi d'encombrants et d'objets",
          "Collecte d'encombrants sur rendez-vous, tri, réparation et revente à petit prix, avec un suivi des tonnages "
          "réemployés, recyclés et éliminés pour la collectivité.",
          ("90511000", "90514000", "90510000"),
          R("epci", "gestion de la zone de réemploi de {n} déchèteries", 30_000, 110_000, (2, 5)),
          R("mairie", "collecte des encombrants sur rendez-vous", 15_000, 45_000),
          R("bailleur", "vidage de {n} caves et logements encombrés", 5_000, 20_000, (10, 40))),
        O("Mobilier de bureau et scolaire de réemploi",
          "Fourniture de mobilier de réemploi nettoyé, réparé et garanti, et reprise du mobilier réformé lors des "
          "déménagements et des rénovations.",
          ("39150000", "90514000"),
          R("departement", "mobilier de réemploi pour {n} maisons départementales des solidarités", 10_000, 40_000, (2, 6)),
          R("mairie", "reprise et réemploi du mobilier de l'ancienne mairie", 5_000, 15_000),
          R("lycee", "mobilier de réemploi pour le foyer des élèves et le centre de documentation", 6_000, 18_000)),
    ),
    "it_reuse": (
        O("Ordinateurs reconditionnés garantis deux ans",
          "Ordinateurs, écrans et téléphones reconditionnés, garantis deux ans, avec système installé, livraison et "
          "assistance pour les services, les écoles et les associations.",
          ("30213000", "30210000"),
          R("departement", "{n} ordinateurs reconditionnés pour les collégiens", 40_000, 150_000, (200, 800)),
          R("mairie", "équipement de {n} classes en ordinateurs reconditionnés", 10_000, 35_000, (4, 15)),
          R("ccas", "ordinateurs pour l'espace numérique d'accès aux droits", 3_000, 9_000)),
        O("Reprise du parc informatique avec effacement certifié",
          "Collecte sécurisée du matériel réformé, effacement des données certifié selon les recommandations de "
          "l'ANSSI, puis reconditionnement ou recyclage en filière agréée.",
          ("50320000", "50324000"),
          R("hopital", "reprise et effacement de {n} postes de travail", 8_000, 30_000, (150, 600)),
          R("region", "reprise du matériel informatique de {n} lycées", 20_000, 70_000, (5, 20)),
          R("entreprise", "reprise et effacement de {n} ordinateurs portables", 5_000, 15_000, (80, 250))),
    ),
    "building": (
        O("Second œuvre en site occupé : peinture, sols, plâtrerie",
          "Peinture, revêtements de sols, plâtrerie et petite menuiserie dans les logements et les bâtiments publics "
          "occupés, avec des délais tenus pour la remise en location.",
          ("45440000", "45430000", "45410000"),
          R("bailleur", "remise en état de {n} logements vacants", 30_000, 150_000, (10, 40)),
          R("mairie", "peinture de {n} classes pendant les vacances d'été", 15_000, 60_000, (4, 12)),
          R("departement", "réfection des sols du collège", 25_000, 90_000)),
        O("Curage, déconstruction sélective et réemploi de matériaux {in_dep}",
          "Curage de bâtiments avant réhabilitation, dépose soignée des matériaux réemployables et tri des déchets de "
          "chantier, suivis par bordereau.",
          ("45111000", "45453000"),
          R("bailleur", "curage de {n} logements avant réhabilitation", 20_000, 80_000, (8, 30)),
          R("mairie", "déconstruction sélective de l'ancienne école", 25_000, 90_000),
          R("epci", "dépose et réemploi des matériaux de l'ancien office de tourisme", 10_000, 30_000)),
    ),
    "removal": (
        O("Déménagement de services et d'archives",
          "Déménagement de bureaux, d'écoles et de services administratifs, démontage et remontage du mobilier, "
          "transfert d'archives et stockage temporaire, préparés avec les services.",
          ("98392000", "63122000"),
          R("departement", "transfert de {n} services vers le nouvel hôtel du Département", 30_000, 120_000, (3, 8)),
          R("mairie", "déménagement de l'école pendant les travaux", 8_000, 25_000),
          R("hopital", "déménagement des archives médicales ({n} mètres linéaires)", 15_000, 50_000, (500, 2_000))),
        O("Aide au déménagement des locataires relogés",
          "Déménagement accompagné des locataires relogés lors des rénovations urbaines : cartons, emballage, "
          "transport, montage des meubles et réemploi de ce qui n'est pas gardé.",
          ("98392000", "60100000"),
          R("bailleur", "déménagement de {n} ménages relogés", 20_000, 80_000, (20, 70)),
          R("ccas", "déménagements solidaires pour des familles accompagnées", 5_000, 15_000)),
    ),
    "textile": (
        O("Vêtements de travail et textiles sur mesure",
          "Confection de vêtements de travail, tabliers, sacs et linge de maison en petites et moyennes séries, "
          "personnalisés par broderie ou sérigraphie, en tissus certifiés ou de réemploi.",
          ("18110000", "18130000", "39520000"),
          R("mairie", "{n} tenues brodées pour les agents des cantines", 5_000, 18_000, (60, 200)),
          R("departement", "sacs en tissu de réemploi pour les collégiens", 8_000, 25_000),
          R("entreprise", "tabliers et vestes de cuisine personnalisés", 4_000, 12_000)),
        O("Retouche et réparation de textiles professionnels",
          "Réparation, retouche et mise à taille des vêtements de travail et des textiles des établissements, pour "
          "allonger leur durée de vie.",
          ("98393000", "39510000"),
          R("hopital", "retouche et réparation des tenues de {n} services", 6_000, 20_000, (4, 12)),
          R("ehpad", "réparation du linge des résidents", 3_000, 9_000)),
    ),
    "energy": (
        O("Centrales solaires citoyennes sur les toits publics",
          "Installation et exploitation de centrales photovoltaïques sur les toits des écoles, des gymnases et des "
          "ateliers municipaux, financées avec les habitants et les collectivités.",
          ("09332000", "45310000"),
          R("mairie", "centrale solaire de {n} kWc sur le toit du gymnase", 40_000, 150_000, (36, 100)),
          R("epci", "équipement de {n} bâtiments intercommunaux", 80_000, 300_000, (3, 8)),
          R("college", "ombrières photovoltaïques sur le parking", 60_000, 180_000)),
        O("Conseil en énergie partagé pour petites communes",
          "Suivi des consommations, audits énergétiques, plans de sobriété et accompagnement des travaux pour les "
          "communes qui n'ont pas de technicien énergie.",
          ("71314000", "09330000"),
          R("epci", "conseil en énergie partagé pour {n} communes", 15_000, 50_000, (10, 30)),
          R("mairie", "audit énergétique de {n} bâtiments communaux", 5_000, 15_000, (4, 12))),
    ),
    "woodwork": (
        O("Mobilier en bois local pour écoles et espaces publics",
          "Fabrication de mobilier scolaire, de bibliothèque et d'extérieur en châtaignier et en douglas issus de "
          "forêts gérées durablement, conçu pour être réparé.",
          ("39160000", "39150000"),
          R("mairie", "mobilier de {n} classes maternelles", 10_000, 40_000, (2, 6)),
          R("departement", "bancs et tables extérieures pour {n} collèges", 15_000, 45_000, (3, 8)),
          R("epci", "mobilier de la nouvelle médiathèque intercommunale", 20_000, 60_000)),
        O("Réparation et rénovation de mobilier",
          "Réparation, ponçage, revernissage et remise en état de mobilier scolaire et de bureau, sur place ou dans "
          "notre atelier.",
          ("50850000", "45421000"),
          R("lycee", "rénovation de {n} tables et chaises", 5_000, 18_000, (150, 500)),
          R("mairie", "réparation du mobilier des écoles pendant l'été", 4_000, 12_000)),
    ),
    "vehicle_repair": (
        O("Entretien de flottes de véhicules légers et utilitaires",
          "Entretien, révisions et réparations des véhicules légers et utilitaires des collectivités et des "
          "associations, avec des pièces de réemploi quand c'est possible et un véhicule de prêt.",
          ("50111000", "50112000"),
          R("mairie", "entretien de {n} véhicules des services techniques", 10_000, 40_000, (10, 40)),
          R("ccas", "entretien des véhicules du portage de repas", 5_000, 15_000),
          R("association", "entretien de la flotte de {n} véhicules de l'aide à domicile", 8_000, 25_000, (8, 25))),
        O("Réparation de véhicules à petit prix pour la mobilité vers l'emploi",
          "Réparations à tarif solidaire pour les personnes en insertion orientées par les prescripteurs, et location "
          "de véhicules pour aller travailler.",
          ("50112000", "50110000"),
          R("departement", "réparations solidaires pour {n} allocataires du RSA", 15_000, 50_000, (60, 200)),
          R("ccas", "aide à la mobilité des demandeurs d'emploi", 4_000, 12_000)),
    ),
}
