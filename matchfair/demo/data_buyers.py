"""The demo's 30 buyers and its organiser.

Public bodies carry their real names (this is demonstration data about public bodies; each
description says so); the private companies are fictional. Each buyer row: (name, buyer type,
legal form, department, town, purchasing band (organisations.choices.PURCHASING_BAND_LABELS),
first digit of the SIREN, description).
"""

DEMO_NOTE_PUBLIC = ("Compte de démonstration : ce profil sert à présenter Matchfair et ne reflète pas "
                    "les besoins réels de cet organisme.")
DEMO_NOTE_PRIVATE = "Compte de démonstration : entreprise fictive créée pour présenter Matchfair."

BUYERS: tuple[tuple[str, str, str, str, str, str, str, str], ...] = (
    ("Région Occitanie", "region", "collectivite", "31", "Toulouse", "gt100m", "2",
     "La Région achète chaque année des travaux, des fournitures et des services pour les lycées, les transports "
     "et la formation professionnelle. Son schéma de promotion des achats responsables fixe des objectifs de "
     "clauses sociales et environnementales."),
    ("Département de la Haute-Garonne", "department", "collectivite", "31", "Toulouse", "gt100m", "2",
     "Collèges, routes, action sociale : le Département publie chaque année son programme prévisionnel d'achats "
     "et réserve plusieurs lots aux structures d'insertion et aux entreprises adaptées."),
    ("Département de l'Hérault", "department", "collectivite", "34", "Montpellier", "gt100m", "2",
     "Le Département intègre des clauses d'insertion dans ses marchés de travaux routiers et d'entretien des "
     "collèges, et cherche des fournisseurs locaux pour la restauration scolaire."),
    ("Département du Gard", "department", "collectivite", "30", "Nîmes", "gt100m", "2",
     "Entretien des bâtiments départementaux, gestion des espaces naturels sensibles, restauration des collèges : "
     "le Département veut ouvrir ses marchés aux petites structures du territoire."),
    ("Département du Tarn", "department", "collectivite", "81", "Albi", "50-100m", "2",
     "Le Département découpe ses marchés en lots plus petits pour que les structures de l'ESS puissent répondre, "
     "notamment pour l'entretien des espaces verts et le nettoyage des collèges."),
    ("Département de l'Aude", "department", "collectivite", "11", "Carcassonne", "50-100m", "2",
     "Le Département de l'Aude achète des prestations d'insertion, de transport adapté et d'entretien pour ses "
     "collèges et ses maisons départementales des solidarités."),
    ("Département des Pyrénées-Orientales", "department", "collectivite", "66", "Perpignan", "50-100m", "2",
     "Restauration des collèges en produits locaux, entretien des routes et des espaces naturels : le "
     "Département travaille avec les chantiers d'insertion du territoire depuis de nombreuses années."),
    ("Toulouse Métropole", "epci", "collectivite", "31", "Toulouse", "gt100m", "2",
     "La Métropole achète pour la propreté urbaine, la collecte des déchets, les espaces verts et les "
     "équipements publics de ses 37 communes, avec un facilitateur des clauses sociales dédié."),
    ("Montpellier Méditerranée Métropole", "epci", "collectivite", "34", "Montpellier", "gt100m", "2",
     "La Métropole développe les achats de réemploi, la logistique urbaine à vélo et les marchés réservés dans "
     "ses politiques de déchets, de mobilité et de culture."),
    ("Ville de Toulouse", "city", "collectivite", "31", "Toulouse", "gt100m", "2",
     "Écoles, crèches, équipements sportifs et culturels : la Ville achète chaque année des prestations de "
     "nettoyage, de restauration, d'entretien et d'événementiel."),
    ("Ville de Montpellier", "city", "collectivite", "34", "Montpellier", "gt100m", "2",
     "La Ville recherche des prestataires de l'ESS pour l'entretien de ses bâtiments, l'animation de ses "
     "quartiers et la restauration scolaire en produits bio et locaux."),
    ("Ville de Nîmes", "city", "collectivite", "30", "Nîmes", "50-100m", "2",
     "La Ville de Nîmes achète des prestations d'entretien des espaces verts, de nettoyage et d'organisation "
     "d'événements, et réserve certains lots aux entreprises adaptées."),
    ("Ville de Perpignan", "city", "collectivite", "66", "Perpignan", "50-100m", "2",
     "La Ville achète pour ses écoles, ses équipements sportifs et ses manifestations, et souhaite développer "
     "les clauses sociales dans ses marchés de travaux."),
    ("Ville d'Albi", "city", "collectivite", "81", "Albi", "10-50m", "2",
     "La Ville d'Albi a adopté de sa propre initiative un schéma d'achats responsables et cherche des "
     "fournisseurs locaux pour l'entretien et la restauration."),
    ("Ville de Rodez", "city", "collectivite", "12", "Rodez", "10-50m", "2",
     "La Ville achète des prestations de nettoyage, d'espaces verts et d'impression, et veut mieux connaître "
     "les structures de l'ESS aveyronnaises."),
    ("Carcassonne Agglo", "epci", "collectivite", "11", "Carcassonne", "10-50m", "2",
     "L'agglomération achète pour la collecte des déchets, les équipements culturels et sportifs et le "
     "transport, et développe le réemploi dans ses déchèteries."),
    ("Grand Auch Cœur de Gascogne", "epci", "collectivite", "32", "Auch", "10-50m", "2",
     "La communauté d'agglomération achète des prestations d'entretien, de restauration scolaire et de "
     "transport à la demande pour ses communes rurales."),
    ("Communauté de communes Lodévois et Larzac", "epci", "collectivite", "34", "Lodève", "1-10m", "2",
     "Une petite intercommunalité rurale qui passe surtout des marchés sans publicité, sous les seuils, et "
     "recherche des prestataires de proximité."),
    ("CHU de Toulouse", "hospital", "etablissement_public", "31", "Toulouse", "gt100m", "2",
     "Le centre hospitalier universitaire achète de la blanchisserie, du nettoyage, de la restauration et du "
     "transport, et réserve une part de ses marchés aux ESAT et aux entreprises adaptées."),
    ("CHU de Montpellier", "hospital", "etablissement_public", "34", "Montpellier", "gt100m", "2",
     "Le CHU cherche des partenaires de l'ESS pour la gestion du linge, le reconditionnement informatique, "
     "la numérisation des archives et les espaces verts de ses sites."),
    ("CHU de Nîmes", "hospital", "etablissement_public", "30", "Nîmes", "gt100m", "2",
     "Le CHU de Nîmes intègre des clauses sociales dans ses marchés de services et cherche des fournisseurs "
     "locaux pour l'alimentation de ses patients et de son personnel."),
    ("Toulouse Métropole Habitat", "social_landlord", "etablissement_public", "31", "Toulouse", "50-100m", "2",
     "L'office public de l'habitat achète la remise en état des logements, l'entretien des parties communes et "
     "des espaces verts, et des déménagements pour les locataires relogés."),
    ("Hérault Logement", "social_landlord", "etablissement_public", "34", "Montpellier", "50-100m", "2",
     "Le bailleur social achète des travaux de second œuvre et de l'entretien de résidences dans tout le "
     "département, avec des clauses d'insertion dans la plupart de ses marchés."),
    ("Tarn Habitat", "social_landlord", "etablissement_public", "81", "Albi", "10-50m", "2",
     "L'office public de l'habitat du Tarn achète le nettoyage de ses résidences, l'entretien des espaces "
     "extérieurs et des petits travaux, souvent auprès de structures d'insertion."),
    ("Préfecture de la région Occitanie", "state", "autre", "31", "Toulouse", "gt100m", "1",
     "La plateforme régionale des achats de l'État mutualise les achats des services de l'État en région : "
     "nettoyage, accueil, impression, déménagements et formation."),
    ("Rectorat de l'académie de Toulouse", "state", "autre", "31", "Toulouse", "10-50m", "1",
     "Le rectorat achète de la formation, des prestations informatiques et de l'organisation d'événements, et "
     "souhaite développer les achats auprès des entreprises adaptées."),
    ("Université de Montpellier", "state", "etablissement_public", "34", "Montpellier", "50-100m", "1",
     "L'université achète du nettoyage, de l'accueil, de la traduction et du matériel informatique pour ses "
     "campus, et s'est engagée à augmenter la part de ses achats solidaires."),
    ("Garonne Aéro Industries", "private", "entreprise_privee", "31", "Blagnac", "50-100m", "",
     "Sous-traitant aéronautique engagé dans une politique d'achats responsables : conditionnement, entretien "
     "des sites, restauration d'entreprise et gestion des déchets sont ouverts aux structures de l'ESS."),
    ("Thau Logistique Méditerranée", "private", "entreprise_privee", "34", "Sète", "10-50m", "",
     "Entreprise de logistique portuaire qui confie une partie de son conditionnement, de son nettoyage et de "
     "la gestion de ses palettes à des ESAT et à des entreprises d'insertion."),
    ("Mutuelle Solidaire du Midi", "private", "mutuelle", "31", "Toulouse", "10-50m", "",
     "Mutuelle de santé régionale qui achète de l'impression, de la mise sous pli, du reconditionnement "
     "informatique et de l'événementiel, en priorité auprès de fournisseurs de l'ESS."),
)

# Buyers whose admins are printed as demo log-ins, with what to call them.
SHOWCASE = {
    "Région Occitanie": "Acheteur : Région",
    "Département de la Haute-Garonne": "Acheteur : Département",
    "CHU de Toulouse": "Acheteur : centre hospitalier",
}

# Buyers that adopted a responsible-purchasing scheme although the law does not require it of them.
VOLUNTARY_SPASER = frozenset({"Ville d'Albi"})

ORGANISER = {
    "name": "CRESS Occitanie (démo)",
    "legal_form": "association",
    "department": "31",
    "town": "Toulouse",
    "description": (
        "Chambre régionale de l'économie sociale et solidaire : nous organisons les rencontres d'affaires entre "
        "acheteurs publics et structures de l'ESS de la région, et accompagnons les acheteurs dans leurs achats "
        "responsables. Compte de démonstration créé pour présenter Matchfair."
    ),
}
