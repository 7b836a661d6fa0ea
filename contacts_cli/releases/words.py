"""The words press releases use around their contacts, in the languages they come in.

Plain data and the patterns built from it; `extract.py` does the reading. Patterns are kept as text and
compiled by `re` on first use, so importing this module costs nothing.
"""

from typing import Final

# Headings that open a contact block: "Press contacts:", "For more information", "Kontakt:", ...
MARKERS: Final = (
    r"press contacts?|media contacts?|press enquiries|media enquiries|press inquiries|media inquiries|"
    r"for (?:further|more) information(?: please contact| contact)?|for media (?:enquiries|inquiries)|"
    r"for (?:further|more) details|contacts? for (?:the )?(?:media|press)|journalists? (?:can )?contact|"
    r"media relations|contacts?|press office contacts?|"
    r"pressekontakte?|kontakte? f[üu]r (?:die )?medien|medienkontakte?|kontakte?|ansprechpartner(?:in)?|"
    r"r[üu]ckfragen(?: an| bitte an)?|f[üu]r r[üu]ckfragen|"
    r"contacts? presse|contacts? m[ée]dias?|contacts? pour la presse|pour plus d'informations|contact|"
    r"contactos? de prensa|contactos? para (?:los )?medios|para m[áa]s informaci[óo]n|"
    r"contatti stampa|contatto stampa|per informazioni|perscontact(?:en)?|contactpersonen?|"
    r"voor meer informatie|kontakt dla medi[óo]w|informacje dla medi[óo]w|issued by|released by|"
    r"r[üu]ckfragehinweis|r[üu]ckfragen|contact information|media information|"
    r"contactos? para (?:a )?imprensa|contactos? de imprensa|para mais informa[çc][õo]es|"
    r"media queries|press queries|for media queries|media requests|"
    r"lis[äa]tietoja|lis[äa]tietoa|mediayhteydet|f[öo]r mer information|mer information|"
    r"ytterligere opplysninger|for mer informasjon|yderligere oplysninger|for yderligere information|"
    r"pressekontakt|kontaktperson(?:er)?|"
    r"kontakt pro m[ée]dia|kontakt pre m[ée]di[áa]|tiskov[ée] odd[ěe]len[íi]|"
    r"контакти для (?:преси|змі|медіа)|контакты для (?:прессы|сми)|контакти за медиите|"
    r"για περισσότερες πληροφορίες|επικοινωνία για δημοσιογράφους|στοιχεία επικοινωνίας"
)

# Headings that close a contact block.
STOPS: Final = (
    r"notes? (?:to|for) editors|about (?:the |us\b)|background|follow us|share this|related (?:links|news)|"
    r"hinweis f[üu]r redaktionen|[üu]ber (?:die|den|das|uns)|[àa] propos|notes? aux r[ée]dactions|"
    r"acerca de|sobre |informazioni su|over |###|-30-|ends\b|end\b|photos?\b|links?\b|tags?\b|"
    r"subscribe|unsubscribe|disclaimer|source:"
)

# A label before a number, and what it says: fax numbers are never kept on a person.
FAX_LABELS: Final = r"fax|telefax|t[ée]l[ée]copie|facsimile|f"
MOBILE_LABELS: Final = (
    r"mob(?:ile?)?|m|cell(?:ular)?|cellphone|gsm|handy|mobil|mobiel|portable|port|m[óo]vil|cel|"
    r"cellulare|kom(?:[óo]rka)?|tel\.? ?kom|mobilnummer|моб|мобільний|мобильный|κιν|κινητό"
)
PHONE_LABELS: Final = (
    r"тел|телефон|τηλ|τηλέφωνο|tel(?:ephone|efon|efoon|[ée]fono|efono|[ée]phone)?|t[ée]l|t|ph(?:one)?|"
    r"p|o|direct|dir|puh(?:elin)?|tfn|tlf|"
    r"durchwahl|festnetz|fixe|fijo|fisso|vaste lijn|number|nr|no|n[°º]"
)

# Lines and segments about numbers that belong to nobody in particular and are not a press desk.
HOTLINE: Final = (
    r"hotline|helpline|help line|help desk|helpdesk|citizens'? (?:line|enquiries|information)|"
    r"public enquiries|"
    r"general enquiries from the public|europe direct|b[üu]rgertelefon|b[üu]rgerhotline|infoline|"
    r"info line|customer service|service client|kundenservice|emergency|notruf|victim support|"
    r"tip line|crimestoppers|appeal line|incident room|numéro vert|numero verde|linea verde|"
    r"ligne d'information|servicetelefon|servicenummer|call centre|call center|toll[- ]free|switchboard|"
    r"reception|main number|main line|zentrale|standard t[ée]l[ée]phonique|centralita|centralino|"
    r"general public|public inquiries|b[üu]rgerservice|infolinia|bezp[łl]atn\w*|consumer care|"
    r"customer care|conference call|dial-in|webcast"
)

# A desk rather than a person: its numbers make a press-office entry.
DESK: Final = (
    r"press office|press desk|media desk|press service|newsroom|news desk|media relations(?: team| office)?|"
    r"press centre|press center|media centre|media center|press team|media team|communications team|"
    r"communications office|press and communications|duty press officer|out of hours|out-of-hours|"
    r"pressestelle|pressebüro|pressebuero|presseabteilung|pressereferat|service de presse|"
    r"bureau de presse|cellule presse|p[ôo]le presse|gabinete de prensa|oficina de prensa|"
    r"departamento de comunicaci[óo]n|ufficio stampa|persdienst|persbureau|afdeling communicatie|"
    r"biuro prasowe|press room|press line|media line|media hotline|press hotline|"
    r"gabinete de comunica[çc][ãa]o|gabinete de imprensa|assessoria de imprensa|medienstelle|"
    r"mediendienst|kommunikationsabteilung|departamento de prensa|direction de la communication|"
    r"dienst communicatie|communicatiedienst|afdeling pers|service communication|"
    r"service de (?:la )?communication|servizio comunicazione|ufficio comunicazione|"
    r"departamento de comunica[çc][ãa]o|dzia[łl] prasowy|presseb[üu]ro|pressetelefon|presseraum|"
    r"прес-служба|пресс-служба|пресслужба|γραφείο τύπου"
)

# Words that make a segment a title (and not a name). Kind is inferred by model.infer_kind.
TITLE_WORDS: Final = (
    r"spokes(?:person|man|woman)|press|media|communications?|officer|head|director|directora?|manager|"
    r"adviser|advisor|adviseur|coordinator|co-ordinator|secretary|chief|counsellor|counselor|attach[ée]e?|"
    r"assistant|deputy|senior|junior|lead|principal|executive|vice|president|chair(?:man|woman|person)?|"
    r"minister|commissioner|ambassador|consultant|specialist|editor|analyst|researcher|campaigner|"
    r"representative|relations|public affairs|affairs|pr\b|spokes|sprecher(?:in)?|pressesprecher(?:in)?|"
    r"leiter(?:in)?|referent(?:in)?|beauftragte[rn]?|stellvertretende[rn]?|abteilung|"
    r"porte-?parole|charg[ée]e? |responsable|directeur|directrice|conseill[eè]re?|attach[ée]e? de presse|"
    r"assessor[ae]?|imprensa|porta-voz|portavoz|jef[ae]|responsable|directora?|gabinete|portavoce|addetto|addetta|capo|"
    r"responsabile|direttore|direttrice|"
    r"woordvoerder|persvoorlichter|voorlichter|hoofd|rzecznik|rzeczniczka|kierownik|dyrektor|"
    r"superintendent|inspector|constable|sergeant|commander|officer|sheriff|"
    r"речник|речниця|прес-секретар|пресс-секретарь|представитель|представник|εκπρόσωπος|"
    r"presschef|pressansvarig|kommunikationschef|informationschef|pressesjef|kommunikasjonssjef|"
    r"pressechef|kommunikationschef|tiedottaja|viestint[äa]p[äa][äa]llikk[öo]|mluv[čc][íi]|tiskov[áý]|"
    r"founder|ceo|cfo|coo|cto|vp|svp|evp|avp|partner|team|desk|unit|division|department|office|policy|campaigns?"
)

# Before a name, not part of it: honorifics, academic titles, ranks.
HONORIFICS: Final = (
    r"mr|mrs|ms|miss|mx|dr|dr\.in|dr\.a|mag\.a|mag\.\(fh\)|ddr|prof|professor|sir|dame|lord|lady|rev|hon|mme|mlle|m|herr|frau|"
    r"sr|sra|srta|d|dña|dª|don|doña|sig|sig\.ra|dott|dott\.ssa|ing|mag|dipl\.?-ing|dhr|mevr|pan|pani|"
    r"gen|general|col|colonel|lt|lieutenant|maj|major|capt|captain|cmdr|commander|sgt|sergeant|"
    r"insp|inspector|chief inspector|det|detective|supt|superintendent|ch\.? supt|pc|dc|ds|di|dci|"
    r"amb|ambassador|minister|senator|rep|commandant|capitaine|cdt|lieutenant-colonel|adjudant|brigadier|"
    r"oberst|kommissar(?:in)?|hauptkommissar(?:in)?|polizeihauptkommissar(?:in)?|kriminalhauptkommissar(?:in)?|"
    r"comisario|comisaria|inspector jefe|subinspector|capit[áa]n|teniente|comandante|sargento|"
    r"commissaire|commissaire principal|premier commissaire|hoofdcommissaris|"
    r"commissario|ispettore|maresciallo|colonnello|hoofdinspecteur|inspecteur|commissaris"
)

# Small words inside names that stay lower case: "Ursula von der Leyen", "Ana de la Torre".
PARTICLES: Final = frozenset(
    "van von der den de del della delle dei degli di da das dos du la le les ten ter te zu zum zur y i e "
    "bin ibn al el af av och st. d' l' op".split()
)

# Names of organisations, for the heading lines of a block with several organisations.
ORG_WORDS: Final = (
    r"ministry|minist[eè]re|ministerium|ministerio|ministero|ministerie|ministerstwo|commission|"
    r"kommission|comisi[óo]n|commissione|council|conseil|rat|parliament|parlement|parlamento|agency|"
    r"agence|agentur|agencia|agenzia|authority|autorit[ée]|beh[öo]rde|police|polizei|polic[ií]a|polizia|"
    r"politie|gendarmerie|constabulary|department|d[ée]partement|service|dienst|office|bureau|amt|"
    r"foundation|fondation|stiftung|fundaci[óo]n|fondazione|stichting|association|verband|verein|"
    r"federation|f[ée]d[ée]ration|union|institute|institut|instituto|istituto|university|universit[äaé]t?|"
    r"bank|banque|group|groupe|gruppe|limited|corporation|company|programme|program|organi[sz]ation|"
    r"international|nations|unicef|unhcr|eeas|european|federal|bundes\w*|government|gouvernement|"
    r"regierung|gobierno|city of|stadt|ville de|county|region|embassy|delegation|mission|court|tribunal|"
    r"hospital|network|alliance|watch|amnesty|greenpeace|oxfam|red cross|croix-rouge|rotes kreuz"
)

# Language names as releases write them after a contact: "(EN, FR)", "speaks German and French".
LANGUAGE_NAMES: Final = {
    "english": "en",
    "anglais": "en",
    "englisch": "en",
    "inglés": "en",
    "ingles": "en",
    "inglese": "en",
    "engels": "en",
    "french": "fr",
    "français": "fr",
    "francais": "fr",
    "französisch": "fr",
    "francés": "fr",
    "francese": "fr",
    "frans": "fr",
    "german": "de",
    "allemand": "de",
    "deutsch": "de",
    "alemán": "de",
    "tedesco": "de",
    "duits": "de",
    "spanish": "es",
    "espagnol": "es",
    "spanisch": "es",
    "español": "es",
    "spagnolo": "es",
    "spaans": "es",
    "italian": "it",
    "italien": "it",
    "italienisch": "it",
    "italiano": "it",
    "italiaans": "it",
    "dutch": "nl",
    "néerlandais": "nl",
    "niederländisch": "nl",
    "nederlands": "nl",
    "portuguese": "pt",
    "portugais": "pt",
    "polish": "pl",
    "polonais": "pl",
    "polski": "pl",
    "slovak": "sk",
    "czech": "cs",
    "russian": "ru",
    "russe": "ru",
    "ukrainian": "uk",
    "arabic": "ar",
    "arabe": "ar",
    "swedish": "sv",
    "danish": "da",
    "greek": "el",
    "hungarian": "hu",
    "romanian": "ro",
    "finnish": "fi",
    "chinese": "zh",
}

# Abbreviations that name an organisation, matched with their case ("AG", not "ag").
ORG_SUFFIXES: Final = (
    r"GmbH|AG|SE|SA|S\.A\.|S\.p\.A\.|Ltd|plc|PLC|Inc|Corp|LLC|NV|N\.V\.|BV|B\.V\.|Oy|AB|ASA|KG|Srl|SAS|"
    r"WHO|UN|EU|UNICEF|UNHCR|UNDP|NATO|OSCE|EEAS|ECB|EIB|OECD|IMF|ICRC|IFRC|NGO"
)

# Who a line of a block is for, not a person or a title: "Media: Lisa Ek", "Investors: Tom Berg".
AUDIENCES: Final = (
    r"media|press|investors?|investor relations|analysts?|journalists?|presse|medien|prensa|stampa|"
    r"editors?|broadcast|tv|radio|photo desk|in \w+(?: \w+)?"
)

# Spokesperson titles in languages model.infer_kind does not read; the title tells the kind.
SPOKESPERSON_TITLES: Final = (
    r"речник|речниця|пресс-секретарь|прес-секретар|εκπρόσωπος|porta-voz|rzeczniczka|talsperson|"
    r"talesperson|talsmann|talskvinne|tiedottaja|szóvivő|szovivo|purtător de cuvânt|govornik|hovorca"
)
