"""What the demo's SSE companies do: CPV codes, labels and French texts written for the demo, per activity.
This module holds the trades done on site or in workshops; data_activities_services.py the others.

A description is an opening (what the company does), a detail (how), then a sentence about its
status (data_statuses.py). Placeholders: {city} the company's town, {in_dep} "en Haute-Garonne".
"""
from .activity import Activity
from .data_activities_services import SERVICE_ACTIVITIES

SITE_ACTIVITIES: dict[str, Activity] = {
    "cleaning": Activity(
        cpv=("90910000", "90919000", "90911200", "90911300", "90610000"),
        also="le nettoyage de locaux",
        openings=(
            "Nettoyage de bureaux, d'écoles et d'équipements publics {in_dep}, en journée ou en horaires décalés.",
            "Entretien courant et remise en état de locaux professionnels, de parties communes d'immeubles et de gymnases autour de {city}.",
            "Propreté des bâtiments publics et tertiaires : entretien quotidien, vitrerie, décapage et remise en état après travaux.",
            "Nous assurons l'entretien des locaux de collectivités, d'établissements scolaires et de bailleurs sociaux {in_dep}.",
        ),
        details=(
            "Nos équipes utilisent des produits écolabellisés et des méthodes sans chimie (microfibre, vapeur) pour préserver la santé des occupants.",
            "Chaque site a un chef d'équipe référent, joignable directement, et un cahier de liaison partagé avec le client.",
            "Nous intervenons aussi en urgence après un sinistre ou un événement, avec une astreinte le week-end.",
            "Nous privilégions le nettoyage en journée, plus favorable aux salariés, avec des plannings calés sur l'occupation des locaux.",
        ),
        labels=("Ecocert", "Qualipropre", "ISO 14001"),
        per_head_eur=(18_000, 32_000),
    ),
    "green_spaces": Activity(
        cpv=("77310000", "77313000", "77314000", "77340000", "77312000"),
        also="l'entretien d'espaces verts",
        openings=(
            "Création et entretien d'espaces verts pour les communes, les bailleurs sociaux et les entreprises {in_dep}.",
            "Tonte, taille, débroussaillage et élagage : nous entretenons parcs, cimetières, bords de voies et pieds d'immeubles autour de {city}.",
            "Aménagement paysager et gestion différenciée des espaces verts, de la conception à l'entretien au fil des saisons.",
        ),
        details=(
            "Zéro pesticide depuis notre création : désherbage manuel ou thermique, paillage et fauche tardive pour la biodiversité.",
            "Les déchets verts sont broyés sur place et réutilisés en paillage ou apportés en compostage.",
            "Nos équipes travaillent avec du matériel électrique sur batterie, moins bruyant pour les riverains et les agents.",
            "Nous réalisons aussi des chantiers ponctuels : plantation de haies, jardins partagés, restauration de berges.",
        ),
        labels=("ISO 14001", "EcoJardin"),
        per_head_eur=(15_000, 28_000),
    ),
    "catering": Activity(
        cpv=("55520000", "55521200", "55524000", "55523000", "55321000"),
        also="la restauration et le portage de repas",
        openings=(
            "Cuisine centrale solidaire : repas pour la restauration scolaire, les centres de loisirs et le portage à domicile {in_dep}.",
            "Traiteur pour les réunions, séminaires et événements des collectivités et des entreprises de {city} et des alentours.",
            "Préparation et livraison de repas en liaison froide pour les crèches, les écoles et les personnes âgées.",
        ),
        details=(
            "Les menus font la part belle aux produits locaux et de saison, avec plus de 40 % de produits bio ou sous signe de qualité.",
            "Les livraisons se font en véhicules réfrigérés, dans des contenants consignés et réutilisés.",
            "Nous proposons chaque jour un menu végétarien et adaptons les repas aux régimes et aux allergies.",
            "Notre cuisine, agréée par les services vétérinaires, produit jusqu'à 1 200 repas par jour.",
        ),
        labels=("Ecocert « En cuisine »", "Agriculture biologique"),
        per_head_eur=(20_000, 40_000),
    ),
    "market_gardening": Activity(
        cpv=("03221000", "03220000", "15300000", "03121000"),
        also="le maraîchage biologique",
        openings=(
            "Maraîchage biologique {in_dep} : légumes de saison pour les cantines, les épiceries solidaires et les paniers d'adhérents.",
            "Production de légumes et de petits fruits en agriculture biologique, vendus en circuit court autour de {city}.",
            "Jardin de production : légumes bio, plants potagers et fleurs pour les marchés et la restauration collective.",
        ),
        details=(
            "Nous livrons la restauration collective en légumes bruts ou prêts à l'emploi, avec une légumerie partenaire.",
            "Nous préparons chaque semaine plus de 300 paniers et approvisionnons plusieurs restaurants scolaires du territoire.",
            "Nous travaillons avec les agriculteurs voisins pour proposer une gamme complète toute l'année.",
        ),
        labels=("Agriculture biologique",),
        per_head_eur=(10_000, 20_000),
    ),
    "laundry": Activity(
        cpv=("98310000", "98311000", "98315000", "98312000"),
        also="l'entretien du linge",
        openings=(
            "Blanchisserie : collecte, lavage, séchage, repassage et livraison du linge des établissements de santé, des EHPAD et des collectivités.",
            "Entretien du linge plat et des vêtements de travail des cuisines, des crèches et des services techniques {in_dep}.",
            "Blanchisserie pour les hôtels, les gîtes et les établissements médico-sociaux autour de {city}.",
        ),
        details=(
            "Nous traitons jusqu'à deux tonnes de linge par jour selon la méthode RABC, gage d'hygiène pour les établissements de soins.",
            "Nous assurons la collecte et la livraison avec nos propres véhicules, deux à cinq fois par semaine.",
            "Le marquage, les petites coutures et le suivi des stocks de linge sont compris dans la prestation.",
        ),
        labels=("RABC (NF EN 14065)", "ISO 9001"),
        per_head_eur=(15_000, 30_000),
    ),
    "recycling": Activity(
        cpv=("90510000", "90514000", "90511000", "39150000"),
        also="la collecte et le réemploi d'objets",
        openings=(
            "Ressourcerie : collecte d'encombrants et d'objets, tri, réparation et revente à petit prix dans notre boutique de {city}.",
            "Collecte, tri et valorisation des déchets des collectivités et des entreprises {in_dep}, avec une priorité au réemploi.",
            "Nous gérons des zones de réemploi en déchèterie et vidons des bâtiments (bureaux, écoles, logements) avant travaux.",
        ),
        details=(
            "L'an dernier, plus de 600 tonnes d'objets ont évité l'enfouissement, et près des deux tiers ont trouvé une seconde vie.",
            "Nous animons aussi des ateliers de réparation et de sensibilisation au tri pour les écoles et les habitants.",
            "Nous fournissons aux collectivités du mobilier de bureau et scolaire de réemploi, avec un suivi des tonnages.",
        ),
        labels=("ISO 14001", "Label Emmaüs"),
        per_head_eur=(10_000, 25_000),
    ),
    "it_reuse": Activity(
        cpv=("30213000", "50320000", "30210000", "50324000"),
        also="le reconditionnement de matériel informatique",
        openings=(
            "Reconditionnement d'ordinateurs, d'écrans et de téléphones issus des parcs informatiques des collectivités et des entreprises.",
            "Collecte sécurisée du matériel informatique réformé, effacement certifié des données, puis reconditionnement ou recyclage.",
            "Nous fournissons des ordinateurs reconditionnés, garantis deux ans, aux administrations, aux écoles et aux associations {in_dep}.",
        ),
        details=(
            "Chaque appareil reçoit un rapport d'effacement des données conforme aux recommandations de l'ANSSI.",
            "Le matériel non réparable est démantelé et confié à une filière agréée de traitement des D3E.",
            "Nous assurons aussi la maintenance et l'assistance du parc livré, sur site ou à distance.",
        ),
        labels=("QualiRépar", "ISO 14001"),
        per_head_eur=(20_000, 45_000),
    ),
    "building": Activity(
        cpv=("45400000", "45440000", "45430000", "45410000", "45421000", "45453000", "45111000"),
        also="des travaux de second œuvre",
        openings=(
            "Travaux de second œuvre : peinture, plâtrerie, revêtements de sols et petite menuiserie pour les bailleurs sociaux et les collectivités.",
            "Rénovation de logements et de bâtiments publics {in_dep} : remise en état de logements vacants, peinture, carrelage, isolation.",
            "Déconstruction sélective, curage et réemploi de matériaux avant réhabilitation, puis travaux de finition.",
            "Restauration du petit patrimoine bâti (murets en pierre sèche, lavoirs, fontaines) et petits aménagements autour de {city}.",
        ),
        details=(
            "Nous avons l'habitude des chantiers en site occupé et des délais serrés de remise en location.",
            "Nous privilégions les matériaux biosourcés et le réemploi des matériaux de démolition.",
            "Nous intervenons en lots séparés ou aux côtés d'entreprises générales soumises à une clause sociale.",
        ),
        labels=("Qualibat", "RGE"),
        per_head_eur=(30_000, 60_000),
    ),
    "removal": Activity(
        cpv=("98392000", "63122000", "60100000"),
        also="les déménagements",
        openings=(
            "Déménagements de bureaux, d'écoles et de services administratifs {in_dep}, avec démontage et remontage du mobilier.",
            "Transferts de services, déménagements d'archives et stockage temporaire en garde-meubles autour de {city}.",
            "Déménagements et manutention pour les collectivités et les bailleurs sociaux, y compris l'aide aux locataires relogés.",
        ),
        details=(
            "Nous trions les objets avant le départ et confions le mobilier inutilisé au réemploi avec des partenaires de l'ESS.",
            "Notre flotte compte quatre camions, dont deux au bioGNV, et un monte-meubles.",
            "Un chef de projet prépare le déménagement avec les services pour limiter la coupure d'activité à un week-end.",
        ),
        labels=("NF Service Déménagement", "ISO 14001"),
        per_head_eur=(20_000, 40_000),
    ),
    "textile": Activity(
        cpv=("18110000", "18130000", "39510000", "39520000", "98393000"),
        also="la confection textile",
        openings=(
            "Atelier de confection : vêtements de travail, linge de maison et articles textiles sur mesure, en petites et moyennes séries.",
            "Collecte, tri et revalorisation de textiles usagés, et confection d'articles à partir de tissus de réemploi.",
            "Fabrication de sacs, tabliers et vêtements professionnels dans notre atelier de {city}, avec des tissus certifiés.",
        ),
        details=(
            "Nous personnalisons les articles par broderie ou sérigraphie pour les services et les événements des collectivités.",
            "Nos matières sont d'origine européenne ou issues du réemploi, avec une traçabilité complète.",
            "Nous réparons et retouchons aussi les vêtements de travail pour allonger leur durée de vie.",
        ),
        labels=("Oeko-Tex Standard 100",),
        per_head_eur=(15_000, 30_000),
    ),
    "energy": Activity(
        cpv=("09332000", "09330000", "71314000", "45310000"),
        also="les énergies renouvelables",
        openings=(
            "Énergie renouvelable citoyenne : centrales solaires sur les toits des bâtiments publics, financées par les habitants et les collectivités.",
            "Installation et maintenance de panneaux photovoltaïques, et accompagnement des collectivités dans leurs projets d'énergie renouvelable.",
            "Conseil en énergie partagé : suivi des consommations, audits énergétiques et plans de sobriété pour les petites communes.",
        ),
        details=(
            "Nous avons déjà équipé une quarantaine de toitures de bâtiments communaux, d'écoles et de hangars agricoles.",
            "Les bénéfices sont réinvestis dans de nouveaux projets et dans la lutte contre la précarité énergétique.",
        ),
        labels=("RGE", "QualiPV"),
        per_head_eur=(60_000, 120_000),
    ),
    "woodwork": Activity(
        cpv=("39150000", "39160000", "50850000", "45421000"),
        also="la menuiserie et le mobilier",
        openings=(
            "Menuiserie : fabrication de mobilier en bois local pour les écoles, les médiathèques et les espaces publics.",
            "Réparation, rénovation et réemploi de mobilier de bureau et scolaire pour les collectivités.",
            "Atelier bois : mobilier urbain, bacs potagers, nichoirs, signalétique et petits aménagements sur mesure.",
        ),
        details=(
            "Nous travaillons des essences locales (châtaignier, douglas) issues de forêts gérées durablement.",
            "Chaque pièce est conçue pour être réparable, et nous assurons le service après-vente.",
        ),
        labels=("PEFC",),
        per_head_eur=(15_000, 30_000),
    ),
    "vehicle_repair": Activity(
        cpv=("50110000", "50112000", "50111000"),
        also="l'entretien de véhicules",
        openings=(
            "Garage solidaire : entretien et réparation de véhicules légers, y compris les flottes des collectivités et des associations.",
            "Entretien de flottes de véhicules utilitaires pour les administrations de {city} et des environs.",
        ),
        details=(
            "Nous utilisons des pièces de réemploi chaque fois que c'est possible, avec la même garantie que le neuf.",
            "Nous louons aussi des véhicules à petit prix aux personnes en insertion pour aller travailler.",
        ),
        per_head_eur=(20_000, 40_000),
    ),
}

ACTIVITIES: dict[str, Activity] = {**SITE_ACTIVITIES, **SERVICE_ACTIVITIES}
