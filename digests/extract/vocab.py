"""Word lists the extractor reads news with: people nouns, casualty cues, demonyms, titles, speech verbs."""

from __future__ import annotations

from typing import Final

from digests.model import FigureKind


def words(spaced: str) -> frozenset[str]:
    """A set of words written as one spaced string, the way long word lists read best."""
    return frozenset(spaced.split())


# Nouns for groups of people, as counted in conflict reporting. Multi-word nouns come first.
PEOPLE_NOUNS: Final = (
    "prisoners of war", "service members", "servicemembers", "crew members", "aid workers", "asylum seekers",
    "health workers", "police officers", "people", "persons", "person", "individuals", "civilians", "civilian",
    "residents", "inhabitants", "villagers", "soldiers", "soldier", "troops", "servicemen", "personnel",
    "fighters", "militants", "insurgents", "rebels", "combatants", "guerrillas", "mercenaries", "recruits",
    "conscripts", "reservists", "marines", "Marines", "sailors", "seafarers", "airmen", "pilots", "officers",
    "policemen", "police", "guards", "bodyguards", "commanders", "children", "child", "kids", "minors",
    "babies", "infants", "women", "men", "boys", "girls", "adults", "students", "pupils", "teachers",
    "doctors", "medics", "nurses", "paramedics", "workers", "employees", "staff", "crew", "members",
    "journalists", "reporters", "volunteers", "passengers", "tourists", "pilgrims", "worshippers",
    "protesters", "protestors", "demonstrators", "prisoners", "POWs", "detainees", "captives", "hostages",
    "inmates", "refugees", "migrants", "evacuees", "citizens", "nationals", "patients", "victims",
    "families", "settlers", "farmers", "fishermen", "athletes", "coaches", "others", "lives", "bodies",
    "casualties", "deaths", "fatalities", "dead", "wounded", "injured", "displaced", "missing",
    "losses", "injuries", "forces", "seafarer", "sailor", "worker", "journalist", "officer", "policeman",
    "fighter", "resident", "man", "woman", "boy", "girl", "hostage", "prisoner", "detainee", "refugee",
    "migrant", "citizen", "national", "pilot", "medic", "doctor", "nurse", "student", "teacher", "baby",
    "infant", "volunteer", "passenger", "guard", "commander", "businessmen", "pilgrim",
    # armed people of every kind, as reports name them
    "gunmen", "gunman", "bandits", "attackers", "assailants", "terrorists", "jihadists", "extremists",
    "separatists", "paramilitaries", "militiamen", "militia members", "snipers", "defenders", "invaders",
    "occupiers", "commandos", "paratroopers", "special forces", "infantrymen", "partisans", "troopers",
    "security personnel", "security forces", "border guards", "coast guards", "gendarmes", "cadets",
    "servicewomen", "militant", "insurgent", "rebel", "attacker", "assailant", "serviceman", "servicemember",
    # civilians by family, age, trade and circumstance
    "brothers", "sisters", "sons", "daughters", "mothers", "fathers", "relatives", "family members",
    "siblings", "toddlers", "teenagers", "teens", "youths", "pensioners", "elderly", "shoppers", "bystanders",
    "spectators", "fans", "guests", "locals", "neighbours", "neighbors", "peacekeepers", "observers",
    "inspectors", "firefighters", "rescuers", "rescue workers", "first responders", "miners", "labourers",
    "laborers", "engineers", "contractors", "diplomats", "officials", "politicians", "activists", "priests",
    "monks", "clergy", "agents", "spies", "crewmen", "crewmembers", "staffers", "herders", "drivers",
    "motorists", "shepherds", "foreigners", "expatriates", "schoolchildren", "newborns", "mourners",
    "abductees", "medical workers", "healthcare workers", "humanitarian workers", "emergency workers",
    "paramedic", "firefighter", "rescuer", "miner", "diplomat", "official", "activist", "priest", "driver",
    "brother", "sister", "son", "daughter", "mother", "father", "relative", "toddler", "teenager", "bystander",
    "peacekeeper", "engineer", "contractor", "agent", "shopkeeper", "shopkeepers",
    "grandsons", "granddaughters", "grandchildren", "wives", "husbands", "nephews", "nieces", "cousins",
    "crew member", "service member", "family member", "staff member", "team member", "aid worker",
    "staff members", "team members",
    "schoolgirls", "schoolboys", "tribespeople", "cops", "signatories", "friends", "colleagues", "comrades", "worshipers", "parishioners", "believers", "peasants", "tribesmen",
    "townspeople", "villager", "professionals", "healthcare professionals", "health professionals",
    "medical professionals", "SEALs", "missionaries", "rulers", "traditional rulers", "chiefs", "emirs", "clerics",
    "operatives", "boots", "constables", "police constables", "commuters", "travellers", "travelers", "farmworkers", "civil servants", "humanitarians", "draftees", "loyalists", "youngsters",
    "adolescents", "women and children", "elders", "seniors", "retirees", "homeowners", "tenants",
    # peoples and faiths whose plural does not end like a demonym ("Palestinians", "Sudanese" are read by form)
    "Kurds", "Rohingya", "Uyghurs", "Uighurs", "Druze", "Alawites", "Jews", "Muslims", "Arabs", "Bedouins",
    "Sikhs", "Hindus", "Buddhists", "Christians", "Catholics", "Copts", "Shiites", "Serbs", "Croats", "Bosniaks",
    "Turks", "Poles", "Britons", "Brits", "Filipinos", "Thais", "Hutus", "Fulani", "Tamils", "Pashtuns",
    "Hazaras", "Chechens", "Tatars", "Danes", "Swedes", "Finns", "Greeks", "Czechs", "Slovaks", "Uzbeks",
    "Kazakhs", "Tajiks", "Spaniards", "Argentines", "Kosovars", "Maronites", "Bedouin",
    "leaders", "figures", "members of parliament", "lawmakers", "legislators", "ministers", "generals",
    # counts carried by a noun for the people or for what was done to them ("12 martyrs", "95 kidnappings")
    "martyrs", "corpses", "killings", "murders", "executions", "kidnappings", "abductions", "disappearances",
    "Taliban", "police personnel", "military personnel", "army personnel", "security forces personnel",
    "government forces", "households", "returnees", "displacements", "displaced persons", "internally displaced persons", "internally displaced people", "IDPs",
)  # fmt: skip

# Nouns that carry their own kind when nothing else in the sentence says what happened.
NOUN_KIND: Final[dict[str, FigureKind]] = {
    "casualties": "casualties", "losses": "casualties", "deaths": "killed", "fatalities": "killed",
    "dead": "killed", "bodies": "killed", "lives": "killed", "wounded": "wounded", "injured": "wounded",
    "injuries": "wounded", "prisoners of war": "captured", "prisoners": "captured", "POWs": "captured",
    "detainees": "captured", "captives": "captured", "hostages": "captured", "hostage": "captured", "prisoner": "captured", "detainee": "captured",
    "refugee": "displaced", "refugees": "displaced", "returnees": "displaced",
    "evacuees": "displaced", "displaced": "displaced", "asylum seekers": "displaced", "missing": "missing",
    "displaced persons": "displaced", "internally displaced persons": "displaced", "displacements": "displaced",
    "internally displaced people": "displaced", "IDPs": "displaced",
    "victims": "killed", "corpses": "killed", "martyrs": "killed", "killings": "killed", "murders": "killed", "executions": "killed", "kidnappings": "captured",
    "abductions": "captured", "abductees": "captured", "disappearances": "missing",
}  # fmt: skip

# Nouns for armed people: counted as deployed when the sentence sends, stations or fields them.
MILITARY_NOUNS: Final = frozenset(
    {"troops", "soldiers", "servicemen", "service members", "servicemembers", "personnel", "fighters",
     "marines", "Marines", "reservists", "forces", "mercenaries", "conscripts", "recruits", "sailors", "airmen",
     "militants", "insurgents", "rebels", "combatants", "guerrillas", "paratroopers", "commandos", "special forces",
     "infantrymen", "militiamen", "paramilitaries", "security forces", "security personnel", "peacekeepers",
     "gunmen", "servicewomen", "troopers", "gendarmes", "border guards", "police officers", "policemen", "police",
     "police personnel", "military personnel", "army personnel", "security forces personnel", "government forces",
     "boots"}
)  # fmt: skip

# People nouns in the singular: a count above one before one of them modifies another noun
# ("the 1979 hostage crisis", "a 20 soldier unit"), it does not count people.
SINGULAR_NOUNS: Final = frozenset(
    n
    for n in PEOPLE_NOUNS
    if " " not in n
    and not n.endswith("s")
    and n
    not in {
        "people",
        "police",
        "personnel",
        "staff",
        "crew",
        "clergy",
        "elderly",
        "dead",
        "wounded",
        "injured",
        "displaced",
        "missing",
        "men",
        "women",
        "children",
        "kids",
        "gunmen",
        "policemen",
        "servicemen",
        "servicewomen",
        "militiamen",
        "businessmen",
        "fishermen",
        "crewmen",
        "infantrymen",
        "airmen",
        "schoolchildren",
        "grandchildren",
        "tribesmen",
        "Druze",  # peoples whose plural is the singular
        "Rohingya",
        "Fulani",
        "Taliban",
        "Bedouin",
        "tribespeople",
        "townspeople",
    }
)

# Nouns that say nothing about who was counted, so the actor stays open.
EMPTY_ACTORS: Final = words(
    "others lives bodies casualties deaths fatalities dead wounded injured displaced missing losses injuries members"
    " killings murders executions kidnappings abductions disappearances"
)

# Participles used as adjectives: "30,000 displaced people" are displaced, and the word leaves the actor.
STATE_WORDS: Final[dict[str, FigureKind]] = {
    "displaced": "displaced", "wounded": "wounded", "injured": "wounded", "dead": "killed", "missing": "missing",
    "detained": "captured", "captured": "captured", "evacuated": "displaced", "killed": "killed", "slain": "killed",
    "kidnapped": "captured", "abducted": "captured", "deceased": "killed",
    "released": "captured", "freed": "captured", "exchanged": "captured", "swapped": "captured",
}  # fmt: skip

# Verb forms that say what happened to the people counted, by kind.
VERB_KIND: Final[dict[str, FigureKind]] = {
    **dict.fromkeys(["killed", "killing", "kills", "kill", "died", "die", "dying", "dead", "perished",
                     "slain", "executed", "massacred", "murdered", "shot dead", "shot and killed", "gunned down",
                     "stabbed to death", "beaten to death", "burned to death", "burnt to death", "crushed to death",
                     "lost their lives", "lost his life", "lost her life", "assassinated", "beheaded", "drowned",
                     "killed in action", "among the dead", "killing of", "killings of", "deaths of", "death of", "bodies of", "remains of", "claimed the lives of", "took the lives of", "cost the lives of",
                     "murder of", "murders of", "massacre of", "massacring", "execution of", "executions of", "slaughter of", "fatally shot", "fatally stabbed", "fatally wounded",
                     "fatally injured", "among those killed", "among the killed",
                     "among the victims", "among the fatalities", "found dead", "confirmed dead", "captured dead", "martyred", "martyring",
                     "martyrdom of", "neutralised", "neutralized", "neutralising", "neutralizing", "neutralisation of",
                     "neutralization of", "eliminated", "eliminating", "slaughtered", "slaughtering",
                     "embraced Shahadat", "embraced shahadat", "embraced martyrdom", "hacked to death", "shot to death",
                     "clubbed to death", "bludgeoned to death", "burned alive", "burnt alive", "burning alive",
                     "sent to hell", "engaged and sent to hell", "lynched", "decapitated", "lying dead", "fell in combat", "fell in battle",
                     "succumbed to their injuries", "succumbed to their wounds", "succumbing to their injuries",
                     "succumbing to their wounds", "among the deceased", "were martyred",
                     "suffered fatal injuries", "sustained fatal injuries", "suffered fatal wounds",
                     "recovered dead", "found killed"], "killed"),
    **dict.fromkeys(["wounded", "wounding", "injured", "injuring", "hurt", "hospitalized", "hospitalised",
                     "maimed", "treated for injuries", "treated for minor injuries", "treated for wounds",
                     "treated for serious injuries", "in critical condition", "in serious condition",
                     "in grave condition", "among the wounded", "among the injured", "suffered injuries",
                     "sustained injuries", "suffered wounds", "sustained wounds", "taken to hospital", "taken to a hospital",
                     "taken to hospitals", "taken to a local hospital", "rushed to hospital", "rushed to a hospital",
                     "admitted to hospital", "requiring hospital treatment", "needing hospital treatment",
                     "treated in hospital", "injury of", "injuries of", "injuries to", "injuring of",
                     "sustained serious injuries", "sustained severe injuries", "suffered serious injuries",
                     "suffered severe injuries", "sustained minor injuries", "suffered minor injuries",
                     "sustained moderate injuries", "suffered minor wounds", "received wounds", "sustained various injuries",
                     "were shot", "was shot", "treated and discharged", "transported to medical centers",
                     "transported to hospital", "taken to medical centers", "severely burned", "badly burned",
                     # how badly people are hurt, said after them: "two others in moderate condition"
                     "in moderate condition", "in stable condition", "in serious but stable condition",
                     "with light injuries", "with minor injuries", "with moderate injuries", "with serious injuries",
                     "with severe injuries", "with injuries", "sustained light injuries", "suffered light injuries",
                     "sustained moderate wounds", "taken for treatment", "receiving medical treatment",
                     "receiving treatment", "receiving medical care", "received treatment",
                     "with varying degrees of injuries", "with various injuries", "with gunshot wounds",
                     "received medical treatment", "received medical assistance", "received first aid",
                     "treated at the scene", "received medical care"], "wounded"),
    # losses of people: "the loss of 15 of our personnel", "losing thousands of soldiers" (a people noun must
    # follow a verb of losing: "lost 20 seats" is not a figure)
    **dict.fromkeys(["loss of", "losses of", "lost", "losing"], "casualties"),
    **dict.fromkeys(["captured", "capturing", "detained", "detaining", "abducted", "kidnapped", "seized", "abducting",
                     "kidnapping", "abduction of", "kidnapping of", "abductions of", "kidnappings of",
                     "exchanged", "swapped", "released", "freed", "swap", "exchange", "traded", "free", "imprisoned",
                     "taken prisoner", "taken captive", "taken hostage", "jailed", "held captive", "held hostage",
                     "among those abducted", "among those kidnapped", "among the abducted", "among the kidnapped",
                     "held prisoner", "in captivity", "kept captive", "set free", "whisked away", "taken into captivity",
                     "held", "holding", "holds", "hold"], "captured"),  # "held dozens of Americans" (a people noun must follow)
    **dict.fromkeys(["missing", "unaccounted for", "disappeared", "among the missing", "missing in action",
                     "listed as missing", "reported missing", "disappearance of", "disappearances of",
                     "among those missing", "among those still missing",
                     "trapped under the rubble", "trapped under rubble", "buried under the rubble"], "missing"),
    **dict.fromkeys(["displaced", "displacing", "evacuated", "evacuating", "fled", "fleeing", "flee",
                     "uprooted", "sheltering", "forced from their homes", "sought shelter",
                     "sought protection", "sought refuge", "fled their homes", "forced to flee", "driven from their homes",
                     "left their homes", "made homeless", "rendered homeless", "relocated", "resettled",
                     "on the move",
                     "leave their homes", "abandon their homes", "abandoned their homes", "left homeless",
                     "among the displaced", "displacement of", "evacuate", "evacuates", "evacuation of",
                     # flight as the news tells it: leaving, crossing a border, being driven out
                     "crossed into", "crossed the border", "crossed the border into", "ordered to evacuate",
                     "forced to evacuate", "out of their homes", "forced out of their homes", "left the country",
                     "forced to leave their homes", "ordered to leave their homes", "made refugees",
                     "sought safety", "taken refuge", "took refuge", "internally displaced", "left homeless",
                     "seek shelter", "seeking shelter", "seeking refuge", "seek refuge", "among those displaced",
                     "among those who fled",
                     "left the capital", "forced to leave", "forced to seek refuge", "forced to seek shelter",
                     "forced to seek safety"], "displaced"),
    **dict.fromkeys(["sent", "sending", "send", "sends", "deployed", "deploying", "deploy", "deploys",
                     "stationed", "dispatched", "dispatching", "amassed", "massed", "mobilized", "mobilised",
                     "mobilizing", "mobilising", "reinforced", "fighting", "serving", "arrived", "gathering",
                     "gathered", "massing", "positioned", "moved into", "presence of", "based in", "remain in", "remained in", "remaining in",
                     "remain on", "remained on", "remaining on", "posted", "garrisoned", "serve in", "serves in",
                     "served in", "force of", "contingent of", "deployment of", "contribute", "contributes",
                     "airlifted", "airlifted into", "flown in", "flown into", "redeployed", "patrol of",
                     "detachment of", "backed by", "supported by", "reinforcements of", "bring", "brings", "ordered",
                     "contributed", "contributing"], "deployed"),
}  # fmt: skip

# Verbs after which a sentence's subject suffered the casualties counted ("Russia has endured ...").
SUFFER_VERBS: Final = ("suffered", "endured", "sustained", "incurred", "lost", "taken", "took", "suffers",
                       "suffer", "endures", "loses")  # fmt: skip

# Adjectives of nationality and sides, the way a sentence names whose people a count is about.
DEMONYMS: Final = (
    "North Korean", "South Korean", "Korean", "Russian", "Ukrainian", "Belarusian", "Israeli", "Palestinian",
    "Iranian", "Iraqi", "Syrian", "Lebanese", "Jordanian", "Egyptian", "Saudi", "Yemeni", "Emirati", "Qatari",
    "Kuwaiti", "Omani", "Bahraini", "Turkish", "Kurdish", "Afghan", "Pakistani", "Indian", "Chinese",
    "Taiwanese", "Japanese", "American", "U.S.", "US", "British", "French", "German", "Polish", "Georgian",
    "Armenian", "Azerbaijani", "Sudanese", "Somali", "Ethiopian", "Eritrean", "Nigerian", "Malian",
    "Congolese", "Libyan", "Tunisian", "Algerian", "Moroccan", "Mexican", "Colombian", "Venezuelan",
    "Cuban", "Haitian", "Burmese", "Myanmar", "Thai", "Filipino", "Indonesian", "Bangladeshi", "Nepali",
    "Sri Lankan", "Hamas", "Hezbollah", "Houthi", "Wagner", "Chechen", "Kenyan", "Rwandan", "Canadian",
    "Australian", "Italian", "Spanish", "Dutch", "Swiss", "Greek", "Cypriot", "European", "Western", "NATO",
)  # fmt: skip

# Titles and ranks dropped from a speaker's name ("Major General Pat Ryder" is "Pat Ryder").
TITLES: Final = words(
    """president vice prime minister deputy foreign defence defense interior secretary general major
    assistant associate principal under pontiff judges circuit
    lieutenant lt colonel col captain capt sergeant sgt admiral adm commander chief brigadier corporal
    cmdr cdr brig cpl pvt maj gen navy
    private senator sen representative rep governor gov mayor ambassador spokesman spokeswoman spokesperson
    press head leader director chairman chairwoman chair king queen prince princess sheikh emir ayatollah
    supreme pope cardinal bishop rabbi imam dr mr mrs ms miss professor prof judge justice attorney
    chancellor premier speaker envoy commissioner officer official state staff of the self-proclaimed
    acting former late first lady minister-designate president-elect elect ukraine's military white
    house high prosecutor analyst economist lawyer researcher author activist correspondent editor fellow
    coach manager ceo founder executive strategist negotiator lawmaker legislator congressman congresswoman
    councillor mp mep diplomat historian expert scholar reverend father sister brother"""
)  # fmt: skip

# Countries and territories written as one word, which a sentence may have as its subject like a person.
COUNTRIES: Final = words(
    """afghanistan albania algeria angola argentina armenia australia austria azerbaijan bahrain bangladesh
    belarus belgium bolivia bosnia brazil britain bulgaria burundi cambodia cameroon canada chad chile china
    colombia congo croatia cuba cyprus czechia denmark djibouti ecuador egypt eritrea estonia ethiopia europe
    finland france gaza georgia germany ghana greece greenland guatemala haiti honduras hungary iceland india
    indonesia iran iraq ireland israel italy japan jordan kazakhstan kenya kosovo kuwait kyrgyzstan laos latvia
    lebanon libya lithuania luxembourg madagascar malaysia mali malta mexico moldova mongolia montenegro morocco
    mozambique myanmar namibia nepal netherlands nicaragua niger nigeria norway oman pakistan palestine panama
    paraguay peru philippines poland portugal qatar romania russia rwanda scotland senegal serbia singapore
    slovakia slovenia somalia spain sudan sweden switzerland syria taiwan tajikistan tanzania thailand tunisia
    turkey turkmenistan uganda ukraine uruguay uzbekistan venezuela vietnam wales yemen zambia zimbabwe
    washington moscow kyiv kiev beijing tehran london paris berlin brussels jerusalem damascus baghdad beirut
    cairo ankara tokyo delhi islamabad kabul riyadh doha tripoli khartoum"""
)

# Capitalised words that start or end a place or an organisation rather than a person's name.
NON_PERSON_WORDS: Final = words(
    """house ministry forces force department office council union states nations kingdom korea army navy
    guard sea river oblast street agency news party bank court committee parliament assembly government
    republic federation brigade regiment battalion corps command staff service services authority
    organization organisation institute university group front centre center times post press journal
    reuters bbc cnn ap afp monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december east west north south middle gulf
    strait city region province district island islands bridge airport base station coast county valley
    world cup olympics games war crisis icc un eu nato kremlin pentagon white united new zealand york jersey
    delhi saudi arabia lanka hong kong tel aviv dhabi emirates strip heights guinea leone sierra costa rica
    puerto rico los angeles francisco faso salvador prize award awards foundation company corporation corp inc
    club fund association society school college hospital church mosque temple museum stadium square park
    avenue road airlines airways bureau agency institute laboratory defence defense national affairs security
    health interior energy finance economy trade transport education agriculture environment intelligence police
    rights observatory watch network monitor doctors crescent cross programme program mission township village
    town"""
)  # fmt: skip

# Verbs that report speech or a claim, in the forms news uses.
SPEECH_VERBS: Final = (
    "said", "says", "say", "told", "added", "adds", "adding", "saying", "telling", "claimed",
    "claiming", "stated", "wrote", "writes", "writing", "declared", "warned", "warns",
    "warning", "asked", "asks", "noted", "explained", "insisted", "insists", "argued", "argues",
    "replied", "recalled", "announced", "posted", "tweeted", "acknowledged", "admitted",
    "urged", "stressed", "emphasised", "emphasized", "confirmed", "suggested", "suggest", "suggests",
    "estimated", "estimate", "reported", "believes", "believe", "described", "opined",
    "remarked", "conceded", "countered", "responded", "quipped", "cautioned", "vowed", "announced",
    "announces", "alleged", "alleges", "charged", "testified", "reiterated", "repeated", "predicted",
    "asserted", "contended", "affirmed", "tells", "replies", "recalls", "tweets", "explains", "declares",
    "urges", "texted", "emailed", "commented", "reckoned", "disclosed", "revealed", "spoke", "noting",
    "arguing", "explaining", "stressing", "insisting", "pointed out", "points out", "point out",
    "specified", "specifies", "shared", "recounts",
)  # fmt: skip

# Verbs that introduce a quotation but make no claim a figure could be attributed to ("fighting
# continued as 20 were killed" names no claimant).
QUOTE_ONLY_VERBS: Final = (
    "pressed", "continued", "concluded", "observed", "demanded", "promised", "pledged", "boasted",
    "complained", "lamented", "shouted", "yelled", "joked", "mused", "wondered", "agreed", "answered",
    "maintained", "whispered", "exclaimed", "interjected", "retorted", "sighed", "screamed", "cried",
    "chided", "bemoaned", "scoffed", "snapped", "fumed", "pleaded", "begged", "recounted", "thundered",
    "grumbled", "marveled", "marvelled", "sneered", "raged", "termed", "continues", "laments",
)  # fmt: skip
