# Interface strings, in English. Every key also exists in fr.ftl.
language-name = English
skip-link = Skip to content
nav-label = Main navigation
footer-nav-label = Footer
lang-switch-label = Language
nav-networks = French networks
nav-erns = European networks
nav-partners = Partners

search-label = Search for a disease or a network
search-placeholder = for example: sarcoma, mesothelioma
search-button = Search
search-title = Search
search-description = Find the expert network for a rare cancer from the name of the disease.
search-az-title = Diseases from A to Z
search-az-intro = Each disease or synonym links to the national network that handles it.

networks-title = National reference networks
networks-description = The national reference networks for rare cancers, labelled by the French National Cancer Institute; some also care for children.
networks-count = { $count ->
    [one] { $count } network
   *[other] { $count } networks
}
erns-title = European Reference Networks
erns-description = The European Reference Networks (ERNs) dedicated to rare cancers.
partners-title = Partner organisations
partners-description = Agencies, professional societies, patient organisations and European projects working on rare cancers.
partners-count = { $count ->
    [one] { $count } organisation
   *[other] { $count } organisations
}

network-type-clinical-and-pathology = Clinical and pathology network
network-type-mainly-clinical = Mainly clinical network
network-type-pathology = Pathology network
network-type-label = Type of network

partner-category-agency = Public agencies
partner-category-professional-society = Professional societies
partner-category-patient-organisation = Patient organisations
partner-category-research = Research
partner-category-information = Information and data
partner-category-project = European projects

summary-title = In brief
conditions-title = Conditions covered
synonyms = Other names
abbreviations = Abbreviations
lay-terms = Everyday terms
erns-linked-title = Related European networks
networks-linked-title = Related French networks
basis-sourced = link stated by a source
basis-inferred = link inferred by the editors from the areas covered
history-title = History
coordination-title = Coordination
french-participation-title = French participation
domains-title = Areas covered
website-of = Website of { $name }
links-title = Useful links
sources-title = Sources
reviewed-label = Last reviewed:
name-translated = Descriptive name: this network has no official name in this language.
toc-title = On this page
figures-title = At a glance, in charts
figures-intro = Each chart is followed by the table of its figures, each with its source.
figure-source-heading = Source
no-linked-networks = No French network is linked to this network in our data.

home-networks-title = The French networks
home-erns-title = The European networks
home-partners = See the { $count } partner organisations

not-found-title = Page not found
not-found-description = This address matches no page of the site.
not-found-body = The page you asked for does not exist or has moved.
not-found-search = Search for a disease
not-found-networks = See the list of national reference networks
not-found-home = Back to the home page

footer-disclaimer = This site informs and guides; it does not replace a doctor's advice.
glossary-terms-title = Terms
glossary-note = Terms with a dotted underline lead to their definition in the glossary.

date = { $day } { $month } { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

# Search: the page's script fills in {count} and {query}.
search-results-one = { $count } result
search-results-other = { $count } results
search-none = No results for “{ $query }”. Try another name or use the A to Z index below.
search-corrected = Showing results for “{ $query }”
search-other-language = No results in English; here are results in another language.
search-loading = Searching…
search-unavailable = Search could not load; the A to Z index below still works.
search-kind-network = French national network
search-kind-ern = European Reference Network
search-kind-partner = Partner organisation
search-kind-page = Information page

# Translations
translation-awaiting = This page has not been translated into English yet.
translation-outdated = This translation may be out of date: the original has changed since.
translation-original-link = Read the original

# Accessibility statement (facts from content/site.yaml)
accessibility-facts-title = Accessibility status
accessibility-standard = Standard
accessibility-status = Conformance status
accessibility-status-full = fully conformant
accessibility-status-partial = partially conformant
accessibility-status-none = not conformant
accessibility-audit = Audit
accessibility-no-audit = No full audit has been carried out yet.
accessibility-tests = Tests done
accessibility-contact = Contact
accessibility-no-contact = No contact is given yet: the team that publishes the site must add one.
# How to reach a network (network pages, section `contact`)
contact-title = How to reach this network
contact-none = None of the sources we checked says how to reach this network.
contact-source = Source:
contact-way-forward = As a rule, it is the patient's doctor who submits the case to the network, at a multidisciplinary team meeting: talk to your doctor about it.
contact-directory = The official list of the networks:
orpha-label = Orphanet code
# The frame: header, menu button, breadcrumbs
search-placeholder-short = Disease or network
menu-button = Menu
breadcrumb-label = Breadcrumb
breadcrumb-home = Home
home-find-title = Find the expert network for a rare cancer
home-az-link = Or browse the diseases from A to Z
facts-title = Type and European network
no-linked-erns = No European network is linked to this network in our data.
# Bottom of every content page
review-next-label = Next review due:
report-error-link = Report an error on this page
search-placeholder-text = Results will appear here. You can also browse the diseases in the index below:
