"""What the demo's SSE companies do, part two: office, people and intellectual services (see
data_activities.py)."""
from .activity import Activity

SERVICE_ACTIVITIES: dict[str, Activity] = {
    "print": Activity(
        cpv=("79810000", "79811000", "79820000", "79520000"),
        also="l'impression et la reprographie",
        openings=(
            "Imprimerie : documents administratifs, affiches, brochures et rapports annuels, du fichier à la livraison.",
            "Reprographie, impression numérique et façonnage pour les services des collectivités et les établissements scolaires {in_dep}.",
            "Impression offset et numérique sur papiers recyclés ou certifiés, avec des encres végétales.",
        ),
        details=(
            "Nous livrons sous 48 heures dans l'agglomération de {city} et assurons la mise sous pli et l'envoi si besoin.",
            "Notre atelier de façonnage réalise pliage, reliure, plastification et découpe.",
            "Nous aidons aussi à rendre les documents accessibles : Facile à lire et à comprendre (FALC), gros caractères.",
        ),
        labels=("Imprim'Vert", "PEFC", "FSC"),
        per_head_eur=(25_000, 50_000),
    ),
    "mail_packaging": Activity(
        cpv=("79571000", "79921000", "64122000", "79570000"),
        also="la mise sous pli et le conditionnement",
        openings=(
            "Mise sous pli, routage et affranchissement de courriers en nombre pour les collectivités et les organismes sociaux.",
            "Conditionnement, ensachage, étiquetage et assemblage de petites séries pour l'industrie et les services publics.",
            "Gestion du courrier interne : collecte, tri et distribution quotidienne entre les sites d'une administration autour de {city}.",
        ),
        details=(
            "Nos ateliers traitent jusqu'à 50 000 plis par jour, avec un contrôle de qualité à chaque étape.",
            "Nous garantissons la confidentialité des documents traités, avec un engagement écrit de chaque intervenant.",
            "Nous pouvons installer un atelier chez le client pour les opérations ponctuelles (élections, campagnes d'information).",
        ),
        labels=("ISO 9001",),
        per_head_eur=(8_000, 18_000),
    ),
    "bike_logistics": Activity(
        cpv=("64120000", "60161000", "64121200", "60160000"),
        also="les livraisons à vélo",
        openings=(
            "Livraisons et coursiers à vélo cargo dans le centre de {city} : plis, colis, repas et petites marchandises.",
            "Logistique urbaine décarbonée : nous assurons le dernier kilomètre à vélo à assistance électrique pour les administrations et les commerces.",
            "Navettes de courrier interne à vélo entre les sites des collectivités, en tournées régulières ou à la demande.",
        ),
        details=(
            "Nos vélos cargos transportent jusqu'à 180 kg et nos coursiers sont formés à la sécurité routière.",
            "Un micro-entrepôt en centre-ville permet de grouper les colis et d'optimiser les tournées.",
            "Chaque livraison est suivie en temps réel et confirmée par une signature électronique.",
        ),
        per_head_eur=(15_000, 30_000),
    ),
    "events": Activity(
        cpv=("79952000", "79950000", "79956000", "92370000"),
        also="l'organisation d'événements",
        openings=(
            "Organisation d'événements publics et professionnels {in_dep} : forums, inaugurations, fêtes de quartier et séminaires.",
            "Logistique événementielle : montage de stands, sonorisation, accueil du public et gestion des flux.",
            "Nous concevons et animons des rencontres, des salons et des journées d'information pour les collectivités.",
        ),
        details=(
            "Nos événements sont responsables : gobelets réutilisables, tri des déchets, accessibilité aux personnes à mobilité réduite.",
            "Notre matériel (barnums, scène, sonorisation) est mutualisé avec d'autres associations du territoire.",
            "Nous travaillons avec des traiteurs et des prestataires locaux de l'ESS.",
        ),
        labels=("ISO 20121",),
        per_head_eur=(25_000, 50_000),
    ),
    "training": Activity(
        cpv=("80530000", "80510000", "80533000", "80532000"),
        also="la formation professionnelle",
        openings=(
            "Organisme de formation aux métiers de la propreté, des espaces verts et du bâtiment, pour les demandeurs d'emploi et les salariés.",
            "Formations au numérique, à la sécurité et à la prévention des risques pour les agents des collectivités {in_dep}.",
            "Formations sur mesure pour les salariés et les bénévoles : gestion de projet, encadrement, accueil du public.",
        ),
        details=(
            "Nos sessions ont lieu dans nos locaux de {city} ou sur site, en groupes de huit à douze personnes.",
            "Nos formations sont accessibles aux personnes en situation de handicap, avec un référent dédié.",
            "Plus de 85 % des stagiaires trouvent un emploi ou une formation qualifiante dans les six mois.",
        ),
        labels=("Qualiopi",),
        per_head_eur=(30_000, 60_000),
    ),
    "translation": Activity(
        cpv=("79530000", "79540000"),
        also="la traduction et l'interprétation",
        openings=(
            "Interprétation en langue des signes française (LSF) pour les réunions publiques, les conseils et les événements.",
            "Traduction de documents administratifs, techniques et juridiques en anglais, espagnol, catalan, arabe et occitan.",
            "Interprétariat en milieu social et médical, sur place ou par téléphone, dans plus de vingt langues.",
        ),
        details=(
            "Nous adaptons aussi les documents en Facile à lire et à comprendre (FALC) et sous-titrons les vidéos.",
            "Nos traducteurs et interprètes sont diplômés et spécialisés par domaine ; chaque traduction est relue.",
            "Nous intervenons {in_dep}, dans toute la région et à distance partout en France.",
        ),
        labels=("ISO 17100",),
        per_head_eur=(30_000, 60_000),
    ),
    "culture": Activity(
        cpv=("92312000", "92310000", "92320000", "92110000"),
        also="la médiation culturelle",
        openings=(
            "Compagnie de spectacle vivant : créations, spectacles en plein air et actions culturelles dans les écoles et les quartiers {in_dep}.",
            "Médiation culturelle, ateliers artistiques et programmation de spectacles pour les médiathèques et les communes rurales.",
            "Films documentaires et vidéos participatives réalisés avec les habitants de {city} et des environs.",
        ),
        details=(
            "Nous construisons les projets avec les habitants, du collège à la maison de retraite.",
            "Nos spectacles sont autonomes techniquement et se jouent aussi bien en salle qu'en extérieur.",
            "Nous accueillons chaque année des artistes en résidence dans nos locaux.",
        ),
        per_head_eur=(30_000, 60_000),
    ),
    "security_reception": Activity(
        cpv=("79710000", "79713000", "79992000", "79714000"),
        also="l'accueil et la surveillance",
        openings=(
            "Accueil physique et téléphonique, surveillance et gardiennage de bâtiments publics {in_dep}.",
            "Sécurité des événements, contrôle d'accès et rondes de surveillance pour les collectivités et les bailleurs.",
            "Agents d'accueil et de sécurité pour les équipements culturels et sportifs de {city} et de son agglomération.",
        ),
        details=(
            "Nos agents ont la carte professionnelle et sont formés au secourisme et à l'accueil des personnes handicapées.",
            "Nous assurons la continuité du service 7 jours sur 7 avec un responsable d'exploitation d'astreinte.",
            "Nous formons nos agents à la médiation et à la gestion des conflits.",
        ),
        labels=("ISO 9001",),
        per_head_eur=(20_000, 35_000),
    ),
    "it_services": Activity(
        cpv=("72260000", "72262000", "72413000", "72220000", "72267000"),
        also="le développement de logiciels",
        openings=(
            "Développement d'applications web et de sites internet accessibles pour les collectivités et les acteurs de l'économie sociale.",
            "Conseil en systèmes d'information, développement et maintenance de logiciels libres pour les services publics.",
            "Conception de sites et de services numériques conformes au RGAA, de l'étude des besoins à l'hébergement.",
        ),
        details=(
            "Nous travaillons en logiciels libres et publions nos développements sous licence ouverte.",
            "Nos sites sont écoconçus, légers, et hébergés en France dans un centre de données alimenté en énergie renouvelable.",
            "Nous accompagnons les équipes dans la prise en main, avec des formations et une assistance réactive.",
        ),
        labels=("Lucie 26000", "Numérique Responsable"),
        per_head_eur=(45_000, 80_000),
    ),
    "communication": Activity(
        cpv=("79340000", "79341000", "79822000", "79416000"),
        also="la communication et le graphisme",
        openings=(
            "Agence de communication : identité visuelle, supports imprimés et campagnes d'information pour les acteurs publics.",
            "Graphisme, illustration et mise en page de documents institutionnels, en version accessible.",
            "Communication de projets de territoire {in_dep} : concertation, vidéos, réseaux sociaux et relations presse.",
        ),
        details=(
            "Nous écoconcevons les supports et conseillons sur le choix des papiers et des formats.",
            "Nous travaillons avec les services communication des collectivités et les imprimeurs locaux.",
        ),
        labels=("Lucie 26000",),
        per_head_eur=(40_000, 70_000),
    ),
    # Staffing, as an intermediary association (AI) does it.
    "staffing": Activity(
        cpv=("79620000", "79622000", "79621000"),
        also="la mise à disposition de personnel",
        openings=(
            "Mise à disposition de personnel {in_dep} : entretien de locaux, manutention, restauration collective, espaces verts.",
            "Nous mettons des salariés à disposition des communes, des associations et des particuliers autour de {city}, pour quelques heures ou plusieurs mois.",
            "Remplacements et renforts ponctuels pour les services techniques, les cantines et les écoles des communes du territoire.",
        ),
        details=(
            "Nous aidons les acheteurs à mettre en œuvre les clauses sociales de leurs marchés et suivons les heures d'insertion réalisées.",
            "Chaque salarié a un suivi individuel, des formations et une aide pour lever les freins à l'emploi (mobilité, logement, garde d'enfants).",
            "Une demande de personnel reçoit une réponse dans la journée.",
        ),
        per_head_eur=(8_000, 15_000),
    ),
    # Temporary work, as an insertion temping agency (ETTI) does it.
    "interim": Activity(
        cpv=("79620000", "79623000", "79621000"),
        also="le travail temporaire",
        openings=(
            "Travail temporaire d'insertion dans le bâtiment, la logistique, la propreté et l'industrie {in_dep}.",
            "Missions d'intérim pour les entreprises de travaux et les collectivités, notamment pour réaliser les heures d'insertion des clauses sociales.",
        ),
        details=(
            "Nos chargés de recrutement répondent sous 24 heures à une demande d'intérimaires.",
            "Chaque intérimaire a un suivi individuel et des formations (sécurité, habilitations, permis) entre deux missions.",
            "Nous suivons et justifions les heures d'insertion réalisées pour les facilitateurs des clauses sociales.",
        ),
        per_head_eur=(10_000, 18_000),
    ),
    # Qualification through work-study, as a GEIQ does it for its member companies.
    "qualification": Activity(
        cpv=("79620000", "80530000", "79623000"),
        also="le recrutement et la qualification en alternance",
        openings=(
            "Recrutement et qualification en alternance pour les entreprises adhérentes {in_dep} : nous formons des salariés à leurs métiers en tension.",
            "Nous recrutons des personnes éloignées de l'emploi, les formons en contrat de professionnalisation et les mettons à disposition de nos entreprises adhérentes.",
        ),
        details=(
            "Plus de sept salariés sur dix obtiennent une qualification et restent en emploi à l'issue du parcours.",
            "Nos entreprises adhérentes s'appuient sur nous pour réaliser les heures d'insertion de leurs marchés publics.",
        ),
        per_head_eur=(12_000, 20_000),
    ),
    "consulting": Activity(
        cpv=("79410000", "79411000", "90713000", "79315000"),
        also="le conseil et les études",
        openings=(
            "Bureau d'études : diagnostics de territoire, évaluation des politiques publiques et accompagnement de projets.",
            "Conseil en achats responsables : cartographie des achats, SPASER, sourcing et rédaction de clauses sociales et environnementales.",
            "Études environnementales et accompagnement des collectivités dans leur transition écologique.",
        ),
        details=(
            "Nos consultants ont travaillé avec une trentaine de collectivités et d'établissements publics de la région.",
            "Nous animons des ateliers participatifs avec les élus, les agents et les habitants.",
        ),
        labels=("Lucie 26000", "B Corp"),
        per_head_eur=(50_000, 90_000),
    ),
    "social_services": Activity(
        cpv=("85310000", "85312000", "85320000"),
        also="l'accompagnement social",
        openings=(
            "Accompagnement social et professionnel des personnes éloignées de l'emploi, des jeunes et des familles {in_dep}.",
            "Action sociale : accueil de jour, médiation, accompagnement au logement et à l'accès aux droits.",
            "Accompagnement des personnes en situation de handicap vers l'emploi en milieu ordinaire, avec les employeurs.",
        ),
        details=(
            "Nos travailleurs sociaux reçoivent dans nos locaux de {city}, à domicile et dans des permanences en milieu rural.",
            "Nous répondons aux marchés de services sociaux des collectivités, notamment ceux réservés aux entreprises de l'ESS.",
        ),
        per_head_eur=(35_000, 60_000),
    ),
    "sport": Activity(
        cpv=("92620000", "92600000"),
        also="l'animation sportive",
        openings=(
            "Animation sportive et activité physique adaptée pour les écoles, les centres sociaux et les établissements pour personnes âgées.",
            "Éducation par le sport : séjours, stages et animations de quartier pour les jeunes de {city} et des environs.",
        ),
        details=(
            "Nos éducateurs sont diplômés d'État et formés au handisport.",
            "Nous apportons le matériel et assurons l'encadrement complet des activités.",
        ),
        per_head_eur=(25_000, 45_000),
    ),
    "transport": Activity(
        cpv=("60130000", "60140000", "60170000"),
        also="le transport de personnes",
        openings=(
            "Transport adapté de personnes à mobilité réduite et transport scolaire d'élèves handicapés {in_dep}.",
            "Transport solidaire et navettes à la demande pour les habitants des communes rurales autour de {city}.",
        ),
        details=(
            "Nos véhicules ont des rampes et des ancrages pour fauteuils roulants, et nos chauffeurs sont formés à l'accompagnement.",
            "Nous assurons plus de 200 trajets par jour, y compris tôt le matin et en soirée.",
        ),
        per_head_eur=(25_000, 45_000),
    ),
    "digitisation": Activity(
        cpv=("79999000", "92512000"),
        also="la numérisation et l'archivage",
        openings=(
            "Numérisation de documents et d'archives, indexation et saisie de données pour les administrations et les établissements de santé.",
            "Archivage : tri, conditionnement et numérisation de fonds d'archives papier, de plans et de registres.",
        ),
        details=(
            "Nos opérateurs travaillent sur des postes sécurisés, et les données restent hébergées en France.",
            "Nous intervenons dans nos locaux ou directement dans les services d'archives du client.",
        ),
        labels=("ISO 9001",),
        per_head_eur=(15_000, 30_000),
    ),
}
