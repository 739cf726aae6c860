"""What makes demo ads read like real ones: each company hires within its own trade (a
bakery does not hire a payroll consultant), each occupation has its own duties,
requirements and salary level, and the company presents itself in its own words.

Occupations are matched by their SSYK group code (taxonomy.OccupationGroup.code), which the
built-in taxonomy and the full JobTech one share.
"""

# Company name -> (SSYK group codes it hires in, its presentation).
SECTORS = {
    "Nordkod AB": (
        ("2512", "2511", "2514", "1310"),
        "Nordkod bygger webbtjänster och appar åt kommuner, regioner och handeln. Vi är "
        "45 utvecklare, testare och arkitekter på Sveavägen som jobbar i små team nära "
        "kunden, med fyra timmars kompetensutveckling i veckan.",
    ),
    "Västkustens Bygg AB": (
        ("7111", "7411"),
        "Vi bygger och renoverar flerbostadshus, skolor och förskolor i Göteborgsregionen. "
        "Ett familjeföretag sedan 1978 med egna snickare, elektriker och lärlingar.",
    ),
    "Skånska Vårdgruppen AB": (
        ("2221", "5321"),
        "Skånska Vårdgruppen driver vårdcentraler, hemsjukvård och två äldreboenden i Malmö "
        "och Lund. Hos oss har varje sjuksköterska en fast mentor det första året.",
    ),
    "Norrlandsfrakt AB": (
        ("8332", "4222"),
        "Norrlandsfrakt kör gods mellan kusten och fjällen, året om. 60 lastbilar, egen "
        "verkstad i Umeå och en trafikledning som är bemannad dygnet runt.",
    ),
    "Mälardalens Redovisning AB": (
        ("3313", "4112"),
        "Auktoriserad redovisningsbyrå med 300 kunder i Mälardalen, från enskilda firmor "
        "till koncerner. Vi sköter bokslut, löner och deklarationer.",
    ),
    "Uppsala Skolutveckling AB": (
        ("2341", "2330", "5311"),
        "Vi driver två grundskolor, en gymnasieskola och tre förskolor i Uppsala, med små "
        "klasser och ett nära samarbete med vårdnadshavarna.",
    ),
    "Östgöta Handel AB": (
        ("5223", "3322", "4222"),
        "Östgöta Handel säljer verktyg, arbetskläder och fritidsutrustning i fem butiker "
        "och på nätet. Kunderna är hantverkare, företag och privatpersoner.",
    ),
    "Dalarnas Omsorg AB": (
        ("5321", "5311"),
        "Dalarnas Omsorg ger hemtjänst och driver gruppbostäder i Falun och Borlänge. Vi har "
        "kollektivavtal, betald vidareutbildning och scheman som går att leva med.",
    ),
    "Göta Mjukvara AB": (
        ("2512", "2514", "2511"),
        "Vi utvecklar affärssystem för tillverkande företag i Småland. Kod i Python och "
        "Kotlin, releaser varje vecka och kunder som ringer när något är bra.",
    ),
    "Luleå Teknik & Data AB": (
        ("2511", "2512", "7411"),
        "Luleå Teknik & Data styr och övervakar elnät och serverhallar i Norrbotten, med "
        "egna elektriker ute på fältet och utvecklare i kontoret vid hamnen.",
    ),
    "Gävle Lager & Logistik AB": (
        ("8332", "4222"),
        "Tredjepartslager vid Gävle hamn: vi tar emot, lagrar och kör ut varor åt 40 "
        "e-handlare. Två skift, egna förare och kundtjänst på plats.",
    ),
    "Smålandsbageriet AB": (
        ("5120", "5223"),
        "Stenugnsbageri och kafé mitt i Växjö sedan 1952. Vi bakar surdegsbröd, "
        "kardemummabullar och smörgåsar varje morgon och säljer i egen butik.",
    ),
}

# Occupations of those groups that no demo company hires (a bakery's shop sells bread, not
# cars; a haulier drives lorries, not the library bus).
AVOID = {
    "Bilförsäljare",
    "Bokbussförare",
    "Gruvbyggare",
    "Kallskänka, fartyg",
    "Sjuksköterskestuderande",
}

# SSYK group code -> (monthly salary range in SEK, duties, requirements).
OCCUPATIONS = {
    "1310": (
        (62000, 85000),
        [
            "Du leder IT-avdelningen på 12 personer och ansvarar för budget, säkerhet och "
            "leverantörer.",
            "Du tar fram en plan för våra system och följer upp den med ledningsgruppen.",
        ],
        ["Du har lett IT-verksamhet i minst fem år.", "Du har god kännedom om NIS2 och GDPR."],
    ),
    "2511": (
        (48000, 66000),
        [
            "Du kartlägger kundens behov och tar fram arkitekturen för nya tjänster.",
            "Du håller ihop integrationer mellan affärssystem, molntjänster och gamla system.",
        ],
        ["Erfarenhet av molnplattformar och integrationer.", "Du skriver tydligt på svenska."],
    ),
    "2512": (
        (40000, 62000),
        [
            "Du utvecklar nya funktioner i vår webbtjänst, från databas till gränssnitt.",
            "Du granskar kollegors kod och skriver tester som fångar fel innan kunderna gör det.",
            "Du bygger API:er som kommunernas system hämtar data ifrån.",
        ],
        [
            "Du har arbetat med Python, Java eller C# i några år.",
            "Du har en examen inom datavetenskap eller motsvarande erfarenhet.",
        ],
    ),
    "2514": (
        (38000, 52000),
        [
            "Du planerar och genomför tester inför varje release.",
            "Du automatiserar regressionstester och rapporterar fel så att de går att återskapa.",
        ],
        [
            "ISTQB-certifiering är meriterande.",
            "Du är noggrann och nyfiken på hur saker går sönder.",
        ],
    ),
    "2221": (
        (38000, 46000),
        [
            "Du arbetar på vårdcentralens mottagning med telefonrådgivning, "
            "provtagning och uppföljning av kroniska sjukdomar.",
            "Du leder omvårdnaden på ett äldreboende tillsammans med undersköterskorna.",
        ],
        [
            "Legitimerad sjuksköterska.",
            "Vi välkomnar både nyutexaminerade och erfarna sjuksköterskor.",
        ],
    ),
    "5321": (
        (27500, 32500),
        [
            "Du ger omsorg och stöd i hemmet: hygien, mat, medicin och sällskap.",
            "Du dokumenterar insatserna i vårt verksamhetssystem och samarbetar med "
            "sjuksköterskan.",
        ],
        ["Undersköterskeexamen.", "B-körkort krävs för tjänster i hemtjänsten."],
    ),
    "5311": (
        (26000, 30000),
        [
            "Du arbetar i ett arbetslag på förskolan med barn mellan ett och fem år.",
            "Du stöttar elever med särskilda behov i klassrummet och på fritids.",
        ],
        ["Barnskötarutbildning eller erfarenhet av arbete med barn."],
    ),
    "2341": (
        (36000, 42000),
        [
            "Du undervisar i svenska och matematik i årskurs 4 till 6.",
            "Du är mentor för en klass och har utvecklingssamtal med elever och vårdnadshavare.",
        ],
        ["Lärarlegitimation med behörighet för årskurserna."],
    ),
    "2330": (
        (37000, 44000),
        [
            "Du undervisar i samhällskunskap och historia på gymnasiets högskoleförberedande "
            "program.",
            "Du handleder gymnasiearbeten och deltar i ämneslaget.",
        ],
        ["Lärarlegitimation med behörighet i minst ett av ämnena."],
    ),
    "3313": (
        (34000, 45000),
        [
            "Du har ett eget kundansvar för löpande bokföring, moms och bokslut.",
            "Du tar fram månadsrapporter och är kundernas kontakt i ekonomifrågor.",
        ],
        [
            "Ekonomiutbildning från högskola eller yrkeshögskola.",
            "Van användare av Fortnox eller Visma.",
        ],
    ),
    "4112": (
        (30000, 38000),
        [
            "Du sköter lönearbetet för våra kunder från tidrapport till utbetalning.",
            "Du svarar på frågor om semester, sjuklön och pension.",
        ],
        ["Erfarenhet av löneadministration och kollektivavtal."],
    ),
    "4222": (
        (27000, 32000),
        [
            "Du svarar på kundernas frågor i telefon, chatt och e-post.",
            "Du bokar leveranser och följer upp avvikelser med förarna.",
        ],
        ["Du är lugn, serviceinriktad och skriver bra svenska."],
    ),
    "5223": (
        (25500, 30000),
        [
            "Du tar hand om kunderna i butiken, fyller på varor och sköter kassan.",
            "Du ger råd om produkterna och hjälper till med beställningar.",
        ],
        ["Erfarenhet av butiksarbete är meriterande.", "Du kan arbeta helger enligt schema."],
    ),
    "5120": (
        (26000, 31000),
        [
            "Du gör smörgåsar, sallader och lunchrätter till kaféet från tidig morgon.",
            "Du ansvarar för egenkontrollen och beställer råvaror.",
        ],
        ["Restaurangutbildning eller erfarenhet från kök.", "Du gillar tidiga morgnar."],
    ),
    "7111": (
        (31000, 38000),
        [
            "Du arbetar med stomresning, regelväggar och inredning i nyproduktion.",
            "Du arbetar i ett lag med fyra snickare och en arbetsledare.",
        ],
        ["Yrkesbevis som träarbetare, eller lärling med god vilja.", "B-körkort."],
    ),
    "7411": (
        (33000, 42000),
        [
            "Du drar ny el i bostäder och lokaler och felsöker i befintliga anläggningar.",
            "Du arbetar med service och underhåll av ställverk och laddstolpar.",
        ],
        ["Auktorisation som elinstallatör är meriterande.", "B-körkort."],
    ),
    "8332": (
        (30000, 36000),
        [
            "Du kör distribution med lastbil och släp i länet, med lastning och lossning.",
            "Du kör fjärrtransporter mellan våra terminaler, mest nattetid.",
        ],
        ["C- eller CE-körkort, YKB och digitalt förarkort."],
    ),
}

OFFERS = [
    "Vi erbjuder kollektivavtal, friskvårdsbidrag på 5 000 kronor och tjänstepension.",
    "Hos oss får du flexibla arbetstider, betald fortbildning och sex veckors semester.",
    "Du får en introduktion med en erfaren kollega vid din sida de första veckorna.",
    "Vi har kollektivavtal, förmånscykel och en arbetsplats nära kollektivtrafiken.",
]
CLOSINGS = [
    "Urval sker löpande, så skicka gärna din ansökan redan i dag.",
    "Intervjuer hålls löpande. Välkommen med din ansökan!",
    "Tillträde enligt överenskommelse. Vi ser fram emot att höra av dig.",
]
