"""The demo's offer templates for office, people and intellectual services (see data_offers_site.py)."""
from .offer_template import O, OfferTemplate, R

SERVICE_OFFERS: dict[str, tuple[OfferTemplate, ...]] = {
    "print": (
        O("Impression de documents administratifs et de communication",
          "Affiches, brochures, rapports et formulaires imprimés en offset ou en numérique sur papiers recyclés, avec "
          "des encres végétales, livrés sous 48 heures.",
          ("79810000", "79811000", "79820000"),
          R("departement", "impression du magazine départemental ({n} numéros par an)", 30_000, 120_000, (4, 6)),
          R("mairie", "affiches et programmes de la saison culturelle", 6_000, 20_000),
          R("entreprise", "impression du rapport annuel et des plaquettes", 5_000, 15_000)),
        O("Reprographie et façonnage pour les services",
          "Photocopies en volume, reliure, plastification, pliage et mise sous pli des documents des services et des "
          "établissements scolaires.",
          ("79520000", "79820000"),
          R("lycee", "reprographie des sujets d'examen et des supports de cours", 8_000, 25_000),
          R("region", "façonnage des dossiers de {n} commissions", 5_000, 18_000, (6, 12))),
    ),
    "mail_packaging": (
        O("Mise sous pli et routage de courriers en nombre",
          "Impression personnalisée, mise sous pli, affranchissement et dépôt de courriers en nombre, avec un contrôle "
          "de qualité à chaque étape et la confidentialité garantie.",
          ("79571000", "79570000"),
          R("caf", "mise sous pli de {n} courriers d'information", 15_000, 60_000, (40_000, 150_000)),
          R("departement", "envoi des cartes d'électeur et des courriers du RSA", 20_000, 70_000),
          R("mairie", "mise sous pli du bulletin municipal", 3_000, 10_000)),
        O("Conditionnement et assemblage de petites séries",
          "Ensachage, étiquetage, kits et assemblage de petites séries pour l'industrie et les services publics, dans "
          "nos ateliers ou sur le site du client.",
          ("79921000",),
          R("entreprise", "conditionnement de {n} kits de pièces par mois", 20_000, 80_000, (2_000, 8_000)),
          R("region", "assemblage des kits de rentrée pour les lycéens", 10_000, 40_000)),
        O("Courrier interne entre les sites d'une administration",
          "Collecte, tri et distribution quotidienne du courrier et des colis entre les sites, avec des tournées "
          "régulières et un suivi des remises.",
          ("64122000",),
          R("departement", "navette quotidienne entre {n} sites départementaux", 20_000, 60_000, (8, 25)),
          R("hopital", "distribution du courrier interne entre les services", 15_000, 45_000)),
    ),
    "bike_logistics": (
        O("Livraisons et courses à vélo cargo en centre-ville",
          "Plis, colis et petites marchandises livrés à vélo cargo électrique dans le centre de {city}, à la demande "
          "ou en tournées régulières, avec suivi en temps réel.",
          ("64120000", "64121200", "60161000"),
          R("mairie", "navettes de courrier entre {n} bâtiments municipaux", 10_000, 35_000, (6, 20)),
          R("entreprise", "livraison du dernier kilomètre pour {n} commerces", 15_000, 45_000, (10, 40)),
          R("hopital", "transport des plis et petits colis entre les sites", 8_000, 25_000)),
        O("Logistique urbaine décarbonée depuis un micro-entrepôt",
          "Réception, stockage et tournées de livraison à vélo depuis un micro-entrepôt en centre-ville, pour les "
          "administrations, les commerces et les associations.",
          ("60160000", "64121200"),
          R("epci", "expérimentation de la logistique du dernier kilomètre", 20_000, 70_000),
          R("association", "livraison de l'épicerie solidaire à {n} familles", 3_000, 10_000, (40, 150))),
    ),
    "events": (
        O("Organisation d'événements publics responsables {in_dep}",
          "Conception et logistique de forums, fêtes de quartier, inaugurations et salons : montage, accueil, gestion "
          "des flux, tri des déchets et accessibilité aux personnes à mobilité réduite.",
          ("79952000", "79956000"),
          R("mairie", "organisation de la fête de quartier et du forum des associations", 10_000, 40_000),
          R("departement", "logistique du salon départemental de l'emploi", 20_000, 70_000),
          R("region", "accueil et logistique de {n} rencontres territoriales", 15_000, 50_000, (3, 8))),
        O("Sonorisation, scène et matériel événementiel",
          "Location avec techniciens de sonorisation, éclairage, scène, barnums et mobilier pour les manifestations "
          "en salle ou en plein air.",
          ("92370000", "79950000"),
          R("mairie", "sonorisation des {n} concerts de l'été", 8_000, 25_000, (4, 12)),
          R("association", "technique du festival de quartier", 4_000, 12_000)),
    ),
    "training": (
        O("Formations aux métiers de la propreté, des espaces verts et du bâtiment",
          "Parcours qualifiants et formations courtes pour les demandeurs d'emploi et les salariés en insertion, en "
          "groupes de huit à douze, avec une aide à la recherche d'emploi.",
          ("80530000", "80510000"),
          R("region", "parcours qualifiant pour {n} demandeurs d'emploi", 40_000, 160_000, (12, 40)),
          R("departement", "formations pour les allocataires du RSA", 20_000, 70_000),
          R("entreprise", "formation de {n} salariés aux gestes et postures", 5_000, 15_000, (10, 30))),
        O("Formations des agents : numérique, accueil, management",
          "Formations sur site ou à distance pour les agents des collectivités : outils numériques, accueil du public, "
          "prévention des risques et encadrement d'équipe.",
          ("80533000", "80532000"),
          R("mairie", "formation au numérique de {n} agents", 6_000, 20_000, (20, 80)),
          R("epci", "formation des encadrants au management", 8_000, 25_000),
          R("hopital", "formation à l'accueil du public pour les secrétariats", 5_000, 15_000)),
    ),
    "translation": (
        O("Traduction de documents administratifs et techniques",
          "Traduction relue de documents administratifs, techniques et juridiques en anglais, espagnol, catalan, "
          "arabe et occitan, avec respect des délais et de la confidentialité.",
          ("79530000",),
          R("region", "traduction de {n} dossiers de coopération transfrontalière", 10_000, 40_000, (10, 30)),
          R("universite", "traduction des pages du site et des guides d'accueil", 8_000, 25_000),
          R("mairie", "traduction des documents de jumelage", 2_000, 6_000)),
        O("Interprétation et langue des signes pour les réunions publiques",
          "Interprétation simultanée ou de liaison, interprétation en langue des signes française et sous-titrage "
          "pour les conseils, les réunions publiques et les événements.",
          ("79540000",),
          R("departement", "interprétation en LSF des {n} séances de l'assemblée", 8_000, 25_000, (6, 10)),
          R("mairie", "interprétation des réunions publiques de concertation", 3_000, 10_000),
          R("hopital", "interprétariat médical dans une vingtaine de langues", 15_000, 45_000)),
    ),
    "culture": (
        O("Spectacles et actions culturelles dans les écoles et les quartiers",
          "Spectacles autonomes techniquement, ateliers artistiques et résidences construits avec les habitants, de "
          "l'école à la maison de retraite.",
          ("92312000", "92310000"),
          R("mairie", "{n} représentations et ateliers dans les écoles", 8_000, 30_000, (6, 20)),
          R("departement", "résidence artistique dans {n} collèges", 15_000, 45_000, (2, 5)),
          R("ehpad", "ateliers théâtre et mémoire avec les résidents", 3_000, 8_000)),
        O("Vidéos participatives et films documentaires",
          "Films courts, documentaires et vidéos participatives réalisés avec les habitants, de l'écriture à la "
          "diffusion, sous-titrés et accessibles.",
          ("92110000",),
          R("bailleur", "film participatif sur la rénovation du quartier", 8_000, 25_000),
          R("epci", "{n} portraits vidéo d'acteurs du territoire", 6_000, 20_000, (5, 12))),
    ),
    "security_reception": (
        O("Accueil physique et téléphonique des bâtiments publics",
          "Agents d'accueil formés à l'accueil des personnes handicapées et à la médiation, pour les hôtels de ville, "
          "les équipements culturels et les sièges administratifs.",
          ("79992000",),
          R("departement", "accueil de l'hôtel du Département ({n} agents)", 60_000, 180_000, (2, 5)),
          R("mairie", "accueil de la médiathèque et du conservatoire", 25_000, 70_000),
          R("universite", "accueil des campus pendant la rentrée", 15_000, 45_000)),
        O("Surveillance, gardiennage et sécurité des événements",
          "Rondes, contrôle d'accès, gardiennage et sécurité des manifestations par des agents titulaires de la carte "
          "professionnelle, avec un responsable d'astreinte 7 jours sur 7.",
          ("79713000", "79714000", "79710000"),
          R("mairie", "sécurité de {n} manifestations estivales", 10_000, 35_000, (5, 15)),
          R("bailleur", "rondes de surveillance dans {n} résidences", 30_000, 90_000, (4, 12))),
    ),
    "it_services": (
        O("Sites web accessibles et écoconçus pour les acteurs publics",
          "Conception de sites et de services en ligne conformes au RGAA, légers et hébergés en France, développés en "
          "logiciels libres, avec formation des équipes.",
          ("72413000", "72262000"),
          R("mairie", "refonte du site de la ville, conforme au RGAA", 15_000, 50_000),
          R("epci", "portail des démarches en ligne de {n} communes", 30_000, 90_000, (10, 30)),
          R("association", "site et espace adhérents du réseau", 8_000, 20_000)),
        O("Développement et maintenance de logiciels libres",
          "Développement sur mesure, tierce maintenance applicative et conseil en systèmes d'information pour les "
          "services publics, avec publication du code sous licence ouverte.",
          ("72260000", "72267000", "72220000"),
          R("region", "maintenance d'une application métier pendant {n} ans", 40_000, 150_000, (2, 4)),
          R("departement", "développement de l'outil de suivi des aides", 30_000, 110_000),
          R("universite", "application de réservation des salles", 15_000, 45_000)),
    ),
    "communication": (
        O("Identité visuelle et supports de communication accessibles",
          "Identité visuelle, graphisme, illustration et mise en page de documents institutionnels en version "
          "accessible, écoconçus et adaptés à l'impression locale.",
          ("79822000", "79340000"),
          R("epci", "nouvelle identité visuelle et charte graphique", 10_000, 35_000),
          R("mairie", "mise en page du bulletin municipal ({n} numéros)", 6_000, 18_000, (4, 10)),
          R("association", "rapport d'activité en version accessible", 3_000, 8_000)),
        O("Communication de projets et concertation",
          "Campagnes d'information, relations presse, réseaux sociaux et outils de concertation pour les projets de "
          "territoire et de rénovation.",
          ("79416000", "79341000"),
          R("bailleur", "concertation des habitants pour la rénovation de {n} résidences", 12_000, 40_000, (2, 6)),
          R("departement", "campagne d'information sur les aides à la rénovation", 15_000, 50_000)),
    ),
    "staffing": (
        O("Mise à disposition de personnel pour les collectivités",
          "Des salariés mis à disposition pour quelques heures ou plusieurs mois : entretien des locaux, restauration "
          "scolaire, espaces verts, manutention, avec un suivi individuel de chaque personne.",
          ("79620000", "79621000"),
          R("mairie", "renforts pour les cantines et l'entretien des écoles ({n} heures)", 10_000, 45_000, (1_500, 6_000)),
          R("ccas", "agents d'entretien pour la résidence autonomie", 5_000, 18_000),
          R("association", "renforts pour la manutention de la banque alimentaire", 3_000, 10_000)),
        O("Heures d'insertion pour les clauses sociales",
          "Nous aidons les acheteurs et leurs titulaires à réaliser les heures d'insertion des clauses sociales, avec "
          "le suivi et les justificatifs attendus par les facilitateurs.",
          ("79620000",),
          R("bailleur", "{n} heures d'insertion réalisées sur les chantiers de réhabilitation", 20_000, 70_000, (1_500, 5_000)),
          R("departement", "heures d'insertion de la clause sociale des marchés routiers", 15_000, 50_000)),
    ),
    "interim": (
        O("Intérim d'insertion pour le bâtiment, la propreté et la logistique",
          "Missions d'intérim d'insertion pour les entreprises et les collectivités, avec des intérimaires formés à la "
          "sécurité et suivis entre deux missions.",
          ("79620000", "79623000"),
          R("entreprise", "{n} intérimaires en insertion sur les chantiers de l'année", 60_000, 250_000, (10, 40)),
          R("epci", "renforts pour la collecte des déchets en été", 20_000, 70_000),
          R("bailleur", "manutention pendant les relogements", 10_000, 35_000)),
        O("Réalisation et suivi des clauses sociales des marchés de travaux",
          "Nous mettons à disposition des titulaires les personnes à recruter au titre de la clause sociale, et "
          "justifions les heures réalisées auprès des facilitateurs.",
          ("79620000", "79621000"),
          R("region", "{n} heures d'insertion sur les chantiers des lycées", 30_000, 120_000, (2_000, 8_000)),
          R("mairie", "heures d'insertion du chantier de la nouvelle médiathèque", 10_000, 40_000)),
    ),
    "qualification": (
        O("Recrutement et qualification en alternance",
          "Nous recrutons des personnes éloignées de l'emploi, les formons en contrat de professionnalisation et les "
          "mettons à disposition des entreprises adhérentes pour leurs métiers en tension.",
          ("79620000", "80530000"),
          R("entreprise", "qualification de {n} salariés en alternance", 30_000, 120_000, (6, 20)),
          R("region", "parcours de qualification pour les métiers en tension", 20_000, 80_000)),
        O("Heures d'insertion des marchés publics par l'alternance",
          "Les entreprises titulaires de marchés avec une clause sociale s'appuient sur nous pour recruter et former "
          "en alternance, avec le suivi des heures réalisées.",
          ("79623000", "79620000"),
          R("departement", "{n} heures d'insertion réalisées en alternance", 15_000, 60_000, (1_000, 4_000)),
          R("bailleur", "alternants recrutés pour les chantiers de réhabilitation", 10_000, 40_000)),
    ),
    "consulting": (
        O("Conseil en achats responsables et SPASER",
          "Cartographie des achats, élaboration et suivi du schéma de promotion des achats socialement et "
          "écologiquement responsables, sourcing et rédaction de clauses sociales et environnementales.",
          ("79410000", "79411000"),
          R("departement", "élaboration du SPASER et de ses indicateurs", 25_000, 80_000),
          R("epci", "cartographie des achats et plan d'actions", 12_000, 40_000),
          R("hopital", "sourcing de fournisseurs locaux pour {n} familles d'achats", 10_000, 35_000, (4, 12))),
        O("Études de territoire et évaluation des politiques publiques",
          "Diagnostics de territoire, études sociales et environnementales et évaluation des politiques publiques, "
          "avec des ateliers participatifs pour les élus, les agents et les habitants.",
          ("79315000", "90713000"),
          R("region", "évaluation du dispositif de soutien à l'ESS", 30_000, 90_000),
          R("epci", "diagnostic de la transition écologique de {n} communes", 15_000, 50_000, (10, 30))),
    ),
    "social_services": (
        O("Accompagnement social et professionnel vers l'emploi",
          "Accompagnement individuel et collectif des personnes éloignées de l'emploi : diagnostic, levée des freins, "
          "mises en situation et suivi dans l'emploi.",
          ("85312000", "85310000"),
          R("departement", "accompagnement de {n} allocataires du RSA", 60_000, 200_000, (80, 300)),
          R("epci", "accompagnement des jeunes de {n} communes rurales", 20_000, 70_000, (10, 30))),
        O("Médiation sociale et accès aux droits",
          "Permanences d'accès aux droits, médiation sociale et accompagnement au logement, dans nos locaux et en "
          "milieu rural.",
          ("85320000", "85312000"),
          R("ccas", "permanences d'accès aux droits ({n} par semaine)", 15_000, 50_000, (2, 5)),
          R("bailleur", "médiation sociale dans {n} quartiers", 25_000, 80_000, (2, 4)),
          R("caf", "accompagnement des familles dans leurs démarches", 20_000, 60_000)),
    ),
    "sport": (
        O("Activité physique adaptée et animation sportive",
          "Séances d'activité physique adaptée, animations sportives et éducation par le sport, encadrées par des "
          "éducateurs diplômés d'État, matériel fourni.",
          ("92620000", "92600000"),
          R("mairie", "animations sportives de {n} accueils de loisirs", 8_000, 30_000, (3, 10)),
          R("ehpad", "séances hebdomadaires d'activité physique adaptée", 4_000, 12_000),
          R("departement", "sport et insertion pour les jeunes suivis par l'aide sociale à l'enfance", 15_000, 45_000)),
    ),
    "transport": (
        O("Transport adapté de personnes à mobilité réduite {in_dep}",
          "Transport en véhicules adaptés avec rampes et ancrages pour fauteuils, y compris le transport scolaire "
          "d'élèves handicapés, par des chauffeurs formés à l'accompagnement.",
          ("60130000", "60140000"),
          R("departement", "transport scolaire de {n} élèves handicapés", 80_000, 300_000, (30, 120)),
          R("epci", "service de transport à la demande pour les personnes à mobilité réduite", 40_000, 140_000),
          R("ccas", "navettes vers le marché et les rendez-vous médicaux", 10_000, 30_000)),
        O("Transport solidaire et navettes à la demande",
          "Navettes à la demande et transport solidaire pour les habitants des communes rurales, réservés par "
          "téléphone la veille.",
          ("60140000", "60170000"),
          R("epci", "navettes à la demande dans {n} communes", 30_000, 100_000, (10, 30)),
          R("mairie", "navette du marché et des fêtes locales", 5_000, 15_000)),
    ),
    "digitisation": (
        O("Numérisation et indexation de documents et d'archives",
          "Numérisation de registres, de plans et de dossiers, indexation et saisie de données sur des postes "
          "sécurisés, dans nos locaux ou dans les services d'archives.",
          ("79999000", "92512000"),
          R("departement", "numérisation de {n} registres d'état civil", 15_000, 60_000, (300, 1_500)),
          R("hopital", "numérisation des dossiers patients archivés", 25_000, 90_000),
          R("mairie", "numérisation des permis de construire depuis 1950", 8_000, 25_000)),
        O("Tri, conditionnement et archivage de fonds papier",
          "Tri, élimination réglementaire, conditionnement et classement des archives papier avant numérisation ou "
          "versement.",
          ("92512000",),
          R("epci", "tri et classement de {n} mètres linéaires d'archives", 10_000, 35_000, (150, 600)),
          R("caf", "conditionnement des archives avant déménagement", 8_000, 25_000)),
    ),
}
