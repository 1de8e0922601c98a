import OKRCore

/// The words (folded: lowercase, no accents) that the value, date and sentence parsers know, in Dutch,
/// French and English.
enum ValueWords {
    /// Letters that may be glued to digits and still leave a number: `10k`, `€2M`, `2mio`, `24u`, `24h`.
    static let gluedSuffixes: Set<String> = [
        "k", "m", "mio", "mln", "mrd", "md", "bn", "keur", "meur", "h", "u", "uur", "min", "pct",
    ]

    /// Letters glued to digits that make an ordinal: `1er`, `2de`, `3e`, `1ste`, `3rd`, `2eme`.
    static let ordinalSuffixes: Set<String> = [
        "e", "ste", "de", "st", "nd", "rd", "th", "er", "re", "ere", "eme", "ieme", "me",
    ]

    /// Month names and abbreviations.
    static let months: [String: Int] = [
        "januari": 1, "jan": 1, "janvier": 1, "janv": 1, "january": 1,
        "februari": 2, "feb": 2, "fevrier": 2, "fevr": 2, "fev": 2, "february": 2,
        "maart": 3, "mrt": 3, "mars": 3, "march": 3, "mar": 3, "maa": 3,
        "april": 4, "apr": 4, "avril": 4, "avr": 4,
        "mei": 5, "mai": 5, "may": 5,
        "juni": 6, "jun": 6, "juin": 6, "june": 6,
        "juli": 7, "jul": 7, "juillet": 7, "juil": 7, "july": 7,
        "augustus": 8, "aug": 8, "aout": 8, "august": 8,
        "september": 9, "sep": 9, "sept": 9, "septembre": 9,
        "oktober": 10, "okt": 10, "octobre": 10, "oct": 10, "october": 10,
        "november": 11, "nov": 11, "novembre": 11,
        "december": 12, "dec": 12, "decembre": 12,
    ]

    /// The month names that may stand alone (`einde juni`, `in mei`); abbreviations such as `jan` or `dec`
    /// need a day or a year beside them, as they are also names and words.
    static let fullMonthNames: Set<String> = [
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
        "november", "december", "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
        "octobre", "novembre", "decembre", "january", "february", "march", "may", "june", "july", "august",
        "october",
    ]

    /// Cardinal numbers written as words. `een`, `un`, `une` are left out: they are articles far more often.
    static let numberWords: [String: Double] = [
        "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9, "tien": 10,
        "elf": 11, "twaalf": 12, "twintig": 20, "dertig": 30, "honderd": 100,
        "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
        "onze": 11, "douze": 12, "vingt": 20, "trente": 30, "cent": 100,
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "hundred": 100,
    ]

    /// Ordinals written as words (for `eerste maand van Q2`, `derde kwartaal`).
    static let ordinalWords: [String: Int] = [
        "eerste": 1, "tweede": 2, "derde": 3, "vierde": 4,
        "first": 1, "second": 2, "third": 3, "fourth": 4,
        "premier": 1, "premiere": 1, "deuxieme": 2, "seconde": 2, "troisieme": 3, "quatrieme": 4,
    ]

    /// Multipliers after a number, as powers of ten: `2 miljoen`, `10k`, `3 mrd`. `m` counts only with a
    /// currency or as `M`.
    static let multipliers: [String: Int] = [
        "k": 3, "duizend": 3, "mille": 3, "thousand": 3, "keur": 3,
        "mio": 6, "mln": 6, "miljoen": 6, "miljoenen": 6, "million": 6, "millions": 6, "meur": 6,
        "mrd": 9, "md": 9, "miljard": 9, "miljarden": 9, "milliard": 9, "milliards": 9,
        "bn": 9, "billion": 9, "billions": 9,
    ]

    /// Currency symbols and words, to ISO codes.
    static let currencyWords: [String: String] = [
        "eur": "EUR", "euro": "EUR", "euros": "EUR", "keur": "EUR", "meur": "EUR",
        "usd": "USD", "dollar": "USD", "dollars": "USD", "gbp": "GBP", "pond": "GBP", "pound": "GBP",
        "pounds": "GBP", "chf": "CHF",
    ]
    static let currencySymbols: [Character: String] = ["€": "EUR", "$": "USD", "£": "GBP"]

    /// Words that make a number a percentage: `25 procent`, `25 pct`.
    static let percentWords: Set<String> = ["procent", "percent", "pct", "pourcent", "percentage"]

    /// Duration words, to the unit names of the model.
    static let durations: [String: String] = [
        "minuut": "minutes", "minuten": "minutes", "min": "minutes", "mins": "minutes", "minute": "minutes",
        "minutes": "minutes", "mn": "minutes",
        "uur": "hours", "uren": "hours", "u": "hours", "h": "hours", "hr": "hours", "hrs": "hours",
        "hour": "hours", "hours": "hours", "heure": "hours", "heures": "hours",
        "dag": "days", "dagen": "days", "werkdag": "days", "werkdagen": "days", "kalenderdagen": "days",
        "day": "days", "days": "days", "jour": "days", "jours": "days",
        "week": "weeks", "weken": "weeks", "weeks": "weeks", "wk": "weeks", "semaine": "weeks", "semaines": "weeks",
        "maand": "months", "maanden": "months", "month": "months", "months": "months", "mois": "months",
        "jaar": "years", "jaren": "years", "year": "years", "years": "years", "an": "years", "ans": "years",
        "annee": "years", "annees": "years",
    ]

    /// Minutes per duration unit, to compare `2 maanden` with `21 dagen` (a month is 30 days, a year 365).
    static let minutesPerUnit: [String: Double] = [
        "minutes": 1, "hours": 60, "days": 1_440, "weeks": 10_080, "months": 43_200, "years": 525_600,
    ]

    /// Comparator phrases before a number, longest first.
    static let comparatorPhrases: [([String], Comparator)] = [
        (["niet", "minder", "dan"], .atLeast), (["no", "less", "than"], .atLeast), (["pas", "moins", "de"], .atLeast),
        (["op", "zijn", "minst"], .atLeast), (["niet", "meer", "dan"], .atMost), (["no", "more", "than"], .atMost),
        (["pas", "plus", "de"], .atMost), (["au", "maximum"], .atMost), (["au", "minimum"], .atLeast),
        (["ten", "minste"], .atLeast), (["at", "least"], .atLeast), (["au", "moins"], .atLeast),
        (["ten", "hoogste"], .atMost), (["at", "most"], .atMost), (["au", "plus"], .atMost),
        (["meer", "dan"], .above), (["more", "than"], .above), (["plus", "de"], .above), (["hoger", "dan"], .above),
        (["greater", "than"], .above), (["superieur", "a"], .above), (["minder", "dan"], .below),
        (["less", "than"], .below), (["fewer", "than"], .below), (["moins", "de"], .below), (["lager", "dan"], .below),
        (["inferieur", "a"], .below),
        (["minstens"], .atLeast), (["tenminste"], .atLeast), (["minimaal"], .atLeast), (["minimum"], .atLeast),
        (["min"], .atLeast),
        (["maximaal"], .atMost), (["maximum"], .atMost), (["max"], .atMost), (["hoogstens"], .atMost),
        (["boven"], .above), (["above"], .above),
        (["onder"], .below), (["under"], .below), (["below"], .below),
    ]

    /// Comparator phrases after a number: `8 of meer`, `6% or less`.
    static let trailingComparatorPhrases: [([String], Comparator)] = [
        (["of", "meer"], .atLeast), (["or", "more"], .atLeast), (["ou", "plus"], .atLeast),
        (["of", "minder"], .atMost), (["or", "less"], .atMost), (["ou", "moins"], .atMost),
        (["minimum"], .atLeast), (["minimaal"], .atLeast), (["maximum"], .atMost), (["maximaal"], .atMost),
    ]

    /// "Stay above": a single target with one of these is a `>=` (`95% van huidige partners behouden`).
    static let keepWords: Set<String> = [
        "behouden", "behoud", "behoudt", "handhaven", "handhaaf", "vasthouden", "houden", "hou", "houd",
        "maintain", "maintained", "keep", "retain", "sustain", "maintenir", "maintenez", "conserver",
        "conservez", "garder", "gardez", "preserver",
    ]

    /// Words that, besides `DerivedFields.decreaseVerbs`, say a change goes down.
    static let extraDecreaseWords: Set<String> = [
        "reduceert", "verlaagt", "vermindert", "verkort", "daalt", "terugbrengen", "terugdringen", "bespaar",
        "besparen", "bespaart", "besparing", "reductie", "vermindering", "daling", "afname", "minder", "schrap",
        "save", "saves", "saving", "reduces", "lowers", "cuts", "decreases", "shortens", "less", "fewer",
        "reduisez", "reduit", "diminuez", "baissez", "economiser", "economisez", "moins",
    ]

    /// Verbs that save: a percentage right after them is a decrease (`Bespaar 50% op vergaderkosten`).
    static let saveWords: Set<String> = ["bespaar", "besparen", "bespaart", "save", "saves", "economiser", "economisez"]

    /// Words before `van`/`of`/`de` + percentage that make it a change (`groei van 20%`, `hausse de 5%`).
    static let changeNouns: Set<String> = [
        "groei", "stijging", "toename", "daling", "afname", "reductie", "vermindering", "verhoging", "verlaging",
        "growth", "increase", "decrease", "reduction", "rise", "drop",
        "hausse", "baisse", "croissance", "augmentation", "diminution", "progression",
    ]

    /// French verbs that make `de` + percentage a change (`augmenter le chiffre d'affaires de 20 %`).
    static let frenchChangeVerbs: Set<String> = [
        "augmenter", "augmentez", "augmente", "accroitre", "accroissez", "reduire", "reduisez", "reduit", "diminuer",
        "diminuez", "baisser", "baissez", "hausser", "progresser", "croitre", "raccourcir", "raccourcissez",
    ]

    /// Changes stated as a multiple: `verdubbelen` → +100 %, `halveren` → −50 %.
    static let multipleVerbs: [String: Double] = [
        "verdubbel": 1, "verdubbelen": 1, "verdubbelt": 1, "verdubbeling": 1, "double": 1, "doubler": 1,
        "doublez": 1, "doubling": 1, "doubled": 1,
        "verdrievoudig": 2, "verdrievoudigen": 2, "verdrievoudiging": 2, "triple": 2, "tripler": 2, "triplez": 2,
        "tripling": 2,
        "halveer": -0.5, "halveren": -0.5, "halvering": -0.5, "halve": -0.5, "halving": -0.5,
    ]

    /// Words that connect a start to a target: `van 7 naar 8,5`, `from 150 to 220`, `de 80 % à 90 %`.
    static let toWords: Set<String> = ["naar", "tot", "to", "a", "vers", "jusqu", "into"]
    static let toSymbols: Set<Character> = ["→", "⇒", "➔", "➜", "⟶", "▶", "►"]
    /// Words that open a start: `van`, `from`, `de`.
    static let fromWords: Set<String> = ["van", "vanaf", "from", "de", "du", "des", "depuis", "since", "sinds"]

    /// Words that make a percentage a change when they precede it: `verhogen met 20%`, `grow by 20%`.
    static let changeMarkers: Set<String> = ["met", "by"]

    /// Words after a percentage that make it a change: `20% meer`, `10% fewer`.
    static let changeAfterWords: Set<String> = ["meer", "minder", "more", "less", "fewer", "extra", "hoger", "lager", "higher", "lower"]

    /// Prepositions that may stand before a deadline; `voor`/`before`/`avant` take the day before a period.
    static let deadlinePrepositions: Set<String> = [
        "voor", "tegen", "uiterlijk", "tot", "op", "in", "per", "by", "before", "until", "till", "on", "avant", "d",
        "ici", "pour", "le", "en", "jusqu", "au", "deadline", "at", "the", "latest", "einde", "eind", "end", "fin",
    ]
    static let beforeWords: Set<String> = ["voor", "before", "avant", "prior"]

    /// Words for the end of a period: `einde Q2`, `fin juin`, `end of Q2`, `eind 2026`.
    static let endWords: Set<String> = ["einde", "eind", "end", "fin", "ultimo"]
    /// Fillers between an end word or ordinal and what it qualifies: `end of the`, `fin de l'`, `einde van het`.
    static let fillers: Set<String> = ["van", "het", "de", "of", "the", "du", "d", "l", "la", "le", "des"]

    /// Quarter and half-year nouns: `derde kwartaal`, `kwartaal 3`, `2e trimestre`, `second quarter`.
    static let quarterNouns: Set<String> = ["kwartaal", "kw", "quarter", "trimestre", "trim"]
    static let halfNouns: Set<String> = ["semester", "semestre", "halfjaar", "jaarhelft", "half"]
    static let monthNouns: Set<String> = ["maand", "month", "mois"]

    /// Words that turn a key result into a milestone when it has no numeric target.
    static let completionWords: Set<String> = [
        "afronden", "afgerond", "rond", "implementeren", "implementeer", "implementeert", "implementatie",
        "lanceren", "lanceer", "lanceert", "lancering", "opleveren", "oplevering", "finaliseren", "finaliseer",
        "finaliseert", "voltooien", "voltooi", "invoeren", "uitrollen", "uitrol", "uitvoeren", "uitvoering",
        "launch", "launched", "deliver", "delivered", "implement", "implemented", "finalize", "finalise",
        "finalized", "finalised", "complete", "completed", "finish", "ship", "release", "rollout",
        "livrer", "livrez", "lancer", "lancez", "lancement", "finaliser", "finalisez", "implementer",
        "implementez", "deployer", "deployez", "achever", "terminer",
    ]
    /// Separable Dutch verbs: `Lever … op`, `Lever … af`, `Rond … af`, `Voer … in`.
    static let separableStems: [String: Set<String>] = [
        "lever": ["op", "af"], "leveren": ["op", "af"], "levert": ["op", "af"], "rond": ["af"], "ronden": ["af"],
        "rondt": ["af"], "voer": ["in", "uit"], "voeren": ["in", "uit"], "voert": ["in", "uit"],
        "rol": ["uit"], "rollen": ["uit"],
    ]

    /// Words skipped when looking for the thing a number counts (`1.000 nieuwe registraties` → registraties).
    static let unitAdjectives: Set<String> = [
        "nieuwe", "nieuw", "extra", "bijkomende", "bijkomend", "additionele", "meer", "gekwalificeerde",
        "actieve", "inactieve", "unieke", "tevreden", "betalende", "new", "additional", "more", "qualified",
        "active", "inactive", "unique", "paying", "nouveaux", "nouvelles", "nouveau", "nouvelle",
        "supplementaires", "supplementaire", "qualifies", "actifs", "uniques", "online",
    ]
    /// Words that are never the thing a number counts.
    static let notUnits: Set<String> = [
        "de", "het", "een", "van", "naar", "tot", "in", "op", "per", "voor", "tegen", "met", "bij", "uit", "en",
        "of", "om", "door", "binnen", "na", "dan", "te", "zijn", "is", "the", "a", "an", "to", "on", "by", "for",
        "from", "and", "or", "at", "within", "than", "le", "la", "les", "l", "des", "du", "d", "au", "aux", "par",
        "pour", "et", "ou", "sur", "dans", "avec", "ici", "q", "vs", "x", "keer", "times", "fois",
    ]
}
