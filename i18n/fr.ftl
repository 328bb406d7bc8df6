# Chaînes de l'interface, en français. Chaque clé existe aussi dans en.ftl.
language-name = Français
skip-link = Aller au contenu
nav-label = Navigation principale
footer-nav-label = Pied de page
lang-switch-label = Langue
nav-networks = Réseaux français
nav-erns = Réseaux européens
nav-partners = Partenaires

search-label = Rechercher une maladie ou un réseau
search-placeholder = par exemple : sarcome, mésothéliome
search-button = Rechercher
search-title = Rechercher
search-description = Trouvez le réseau expert d'un cancer rare à partir du nom de la maladie.
search-az-title = Index des maladies de A à Z
search-az-intro = Chaque maladie ou synonyme renvoie au réseau national qui la prend en charge.

networks-title = Réseaux nationaux de référence
networks-description = Les réseaux nationaux de référence pour les cancers rares, labellisés par l'Institut national du cancer ; certains prennent aussi en charge des enfants.
networks-count = { $count ->
    [one] { $count } réseau
   *[other] { $count } réseaux
}
erns-title = Réseaux européens de référence
erns-description = Les réseaux européens de référence (ERN) consacrés aux cancers rares.
partners-title = Organisations partenaires
partners-description = Agences, sociétés savantes, associations de patients et projets européens engagés sur les cancers rares.
partners-count = { $count ->
    [one] { $count } organisation
   *[other] { $count } organisations
}

network-type-clinical-and-pathology = Réseau clinique et anatomopathologique
network-type-mainly-clinical = Réseau à dominante clinique
network-type-pathology = Réseau d'anatomopathologie
network-type-label = Type de réseau

partner-category-agency = Agences publiques
partner-category-professional-society = Sociétés savantes
partner-category-patient-organisation = Associations de patients
partner-category-research = Recherche
partner-category-information = Information et données
partner-category-project = Projets européens

summary-title = En bref
conditions-title = Maladies prises en charge
synonyms = Autres noms
abbreviations = Abréviations
lay-terms = Termes courants
erns-linked-title = Réseaux européens liés
networks-linked-title = Réseaux français liés
basis-sourced = lien indiqué par une source
basis-inferred = lien déduit par la rédaction à partir des domaines couverts
history-title = Historique
coordination-title = Coordination
french-participation-title = Participation française
domains-title = Domaines couverts
website-of = Site web de { $name }
links-title = Liens utiles
sources-title = Sources
reviewed-label = Dernière relecture :
name-translated = Nom descriptif : ce réseau n'a pas d'intitulé officiel dans cette langue.
toc-title = Sur cette page
figures-title = L'essentiel en graphiques
figures-intro = Chaque graphique est suivi du tableau de ses chiffres, avec la source de chacun.
figure-source-heading = Source
no-linked-networks = Aucun réseau français n'est rattaché à ce réseau dans nos données.

home-networks-title = Les réseaux français
home-erns-title = Les réseaux européens
home-partners = Voir les { $count } organisations partenaires

not-found-title = Page introuvable
not-found-description = Cette adresse ne correspond à aucune page du site.
not-found-body = La page demandée n'existe pas ou a été déplacée.
not-found-search = Rechercher une maladie
not-found-networks = Voir la liste des réseaux nationaux de référence
not-found-home = Revenir à l'accueil

footer-disclaimer = Ce site informe et oriente ; il ne remplace pas l'avis d'un médecin.
glossary-terms-title = Termes
glossary-note = Les termes soulignés en pointillés mènent à leur définition dans le glossaire.

date = { $day ->
    [1] 1er
   *[other] { $day }
} { $month } { $year }
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre

# Recherche : {count} et {query} sont remplacés par le script de la page.
search-results-one = { $count } résultat
search-results-other = { $count } résultats
search-none = Aucun résultat pour « { $query } ». Essayez un autre nom ou consultez l’index de A à Z ci-dessous.
search-corrected = Résultats pour « { $query } »
search-other-language = Aucun résultat en français ; voici des résultats dans une autre langue.
search-loading = Recherche en cours…
search-unavailable = La recherche n’a pas pu se charger ; l’index de A à Z ci-dessous reste disponible.
search-kind-network = Réseau national
search-kind-ern = Réseau européen de référence
search-kind-partner = Organisation partenaire
search-kind-page = Page d’information

# Traductions
translation-awaiting = Cette page n’est pas encore traduite en français.
translation-outdated = Traduction peut-être incomplète : la version d’origine a changé depuis.
translation-original-link = Lire la version d’origine

# Déclaration d’accessibilité (faits tirés de content/site.yaml)
accessibility-facts-title = État d’accessibilité
accessibility-standard = Référentiel
accessibility-status = État de conformité
accessibility-status-full = totalement conforme
accessibility-status-partial = partiellement conforme
accessibility-status-none = non conforme
accessibility-audit = Audit
accessibility-no-audit = Aucun audit complet n’a encore été réalisé.
accessibility-tests = Tests réalisés
accessibility-contact = Contact
accessibility-no-contact = Aucun contact n’est encore indiqué : l’équipe qui publie le site doit en ajouter un.
# How to reach a network (network pages, section `contact`)
contact-title = Comment joindre ce réseau
contact-none = Aucune des sources consultées n’indique comment joindre ce réseau.
contact-source = Source :
contact-way-forward = En général, c’est le médecin du patient qui soumet son dossier au réseau, lors d’une réunion de concertation pluridisciplinaire (RCP) : parlez-en à votre médecin.
contact-directory = La liste officielle des réseaux :
orpha-label = Code Orphanet
# Le cadre : en-tête, bouton de menu, fil d'Ariane
search-placeholder-short = Maladie ou réseau
menu-button = Menu
breadcrumb-label = Fil d’Ariane
breadcrumb-home = Accueil
home-find-title = Trouver le réseau expert d’un cancer rare
home-az-link = Ou parcourir les maladies de A à Z
facts-title = Type de réseau et réseau européen
no-linked-erns = Aucun réseau européen n’est lié à ce réseau dans nos données.
# Bas de chaque page de contenu
review-next-label = Prochaine relecture :
report-error-link = Signaler une erreur sur cette page
search-placeholder-text = Les résultats s’afficheront ici. Vous pouvez aussi parcourir les maladies dans l’index plus bas :
