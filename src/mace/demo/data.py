"""Reference data for the synthetic demo city (Leeds): wards, streets, schools, names.

Ward names are Leeds's real electoral wards; their codes, every postcode, street, school,
agency and person are synthetic. School names are invented compounds, not real schools.
Name lists are in rough order of popularity: earlier names are drawn more often.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# This module is data: keep the hand-made layout of its lists.
# fmt: off

# Ages, year groups and address dates are all relative to this day, not to "today", so
# that a seed gives the same city whenever it is generated.
REFERENCE_DATE = dt.date(2026, 11, 1)
# The school year that contains REFERENCE_DATE starts on 1 September; a child's year group
# is their age on the 31 August before it, minus four (Year 1 = 5 on 31 August).
SCHOOL_YEAR_AGE_DATE = dt.date(2026, 8, 31)

CITY = "Leeds"
# Letters allowed in the inward code's last two places (no C I K M O V).
POSTCODE_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
# Postal towns that are not Leeds.
DISTRICT_TOWNS = {"LS21": "Otley", "LS22": "Wetherby", "LS23": "Wetherby", "LS29": "Ilkley"}


@dataclass(frozen=True)
class WardSpec:
    """One ward: code, name, postcode districts, population profile and relative size."""

    code: str
    name: str
    districts: tuple[str, ...]
    profile: str  # a key of ETHNICITY_PROFILE_FACTORS
    weight: float  # relative number of children known to MACE
    localities: tuple[str, ...]


def _ward(n: int, name: str, districts: str, profile: str, weight: float, *extra: str):
    localities = tuple(p.replace(" North", "").replace(" South", "") for p in name.split(" & "))
    return WardSpec(
        code=f"E0501{1400 + n:04d}",
        name=name,
        districts=tuple(districts.split()),
        profile=profile,
        weight=weight,
        localities=tuple(dict.fromkeys(localities + extra)),
    )


WARDS: tuple[WardSpec, ...] = (
    _ward(1, "Adel & Wharfedale", "LS16 LS17", "outer", 0.8, "Cookridge"),
    _ward(2, "Alwoodley", "LS17", "suburban", 1.2),
    _ward(3, "Ardsley & Robin Hood", "LS27 LS10", "outer", 1.4, "Tingley"),
    _ward(4, "Armley", "LS12", "mixed", 4.0, "New Wortley"),
    _ward(5, "Beeston & Holbeck", "LS11", "diverse", 4.5, "Cottingley"),
    _ward(6, "Bramley & Stanningley", "LS13", "mixed", 3.0, "Rodley"),
    _ward(7, "Burmantofts & Richmond Hill", "LS9", "diverse", 5.0, "Lincoln Green"),
    _ward(8, "Calverley & Farsley", "LS28", "outer", 0.9),
    _ward(9, "Chapel Allerton", "LS7", "diverse", 3.0, "Chapeltown", "Potternewton"),
    _ward(10, "Cross Gates & Whinmoor", "LS15 LS14", "mixed", 2.0),
    _ward(11, "Farnley & Wortley", "LS12", "mixed", 3.0),
    _ward(12, "Garforth & Swillington", "LS25 LS26", "outer", 1.0),
    _ward(13, "Gipton & Harehills", "LS8 LS9", "diverse", 6.0),
    _ward(14, "Guiseley & Rawdon", "LS20 LS19", "outer", 0.8),
    _ward(15, "Harewood", "LS17 LS14", "outer", 0.6, "Scarcroft"),
    _ward(16, "Headingley & Hyde Park", "LS6", "diverse", 1.2),
    _ward(17, "Horsforth", "LS18", "outer", 0.8),
    _ward(18, "Hunslet & Riverside", "LS10 LS11 LS1", "diverse", 4.0, "Leeds City Centre"),
    _ward(19, "Killingbeck & Seacroft", "LS14 LS9", "mixed", 5.0),
    _ward(20, "Kippax & Methley", "LS25 LS26", "outer", 1.0),
    _ward(21, "Kirkstall", "LS5 LS4", "mixed", 1.8, "Burley"),
    _ward(22, "Little London & Woodhouse", "LS2 LS6 LS7", "diverse", 2.5),
    _ward(23, "Middleton Park", "LS10", "mixed", 5.0, "Belle Isle"),
    _ward(24, "Moortown", "LS17", "suburban", 1.2, "Meanwood"),
    _ward(25, "Morley North", "LS27", "outer", 1.5, "Gildersome"),
    _ward(26, "Morley South", "LS27", "outer", 1.8),
    _ward(27, "Otley & Yeadon", "LS21 LS19", "outer", 1.0),
    _ward(28, "Pudsey", "LS28", "outer", 1.5),
    _ward(29, "Rothwell", "LS26", "outer", 1.3, "Oulton"),
    _ward(30, "Roundhay", "LS8", "suburban", 1.5, "Oakwood"),
    _ward(31, "Temple Newsam", "LS15", "mixed", 2.0, "Halton"),
    _ward(32, "Weetwood", "LS16 LS6", "suburban", 1.0, "Far Headingley"),
    _ward(33, "Wetherby", "LS22 LS23", "outer", 0.8, "Boston Spa"),
)

STREETS_PER_WARD = 48
STREET_STEMS: tuple[str, ...] = (
    "Aire", "Airedale", "Ashley", "Bankside", "Bayswater", "Beech", "Bellbrooke", "Brudenell",
    "Calder", "Cardigan", "Clovelly", "Conway", "Cowper", "Darfield", "Dawlish", "Ebor",
    "Elford", "Ellers", "Fairfield", "Forster", "Gathorne", "Glossop", "Granby", "Hamilton",
    "Harold", "Hessle", "Hillcrest", "Hovingham", "Ingram", "Ivy", "Karnac", "Kelso",
    "Kirkwood", "Langdale", "Lascelles", "Longroyd", "Lupton", "Markham", "Milford",
    "Moorfield", "Nile", "Nowell", "Oakland", "Parkfield", "Pasture", "Quarry", "Raincliffe",
    "Recreation", "Ribble", "Rydal", "Sandhurst", "Seaforth", "Sholebroke", "Stanmore",
    "Strathmore", "Tempest", "Tennyson", "Thornville", "Trentham", "Vesper", "Victoria",
    "Walmsley", "Wensley", "Westbourne", "Wharfe", "Woodview", "Whitehall", "Cross Flatts",
    "Dewsbury", "Elland", "Fountain", "Greenmount", "Harlech", "Hyde Park", "Kingsley",
    "Lady Pit", "Meynell", "Noster", "Rossington", "Shafton", "Stratford", "Sunfield",
    "Tunstall", "Waterloo", "Wykebeck", "Brander", "Coldcotes", "Kentmere", "Foundry",
)
# (suffix, weight): terraced streets, groves and mounts are everywhere in Leeds.
STREET_SUFFIXES: tuple[tuple[str, int], ...] = (
    ("Street", 10), ("Road", 10), ("Terrace", 9), ("Grove", 9), ("Mount", 7), ("View", 7),
    ("Avenue", 7), ("Place", 6), ("Close", 6), ("Crescent", 5), ("Lane", 5), ("Drive", 4),
    ("Gardens", 3), ("Walk", 3), ("Row", 2), ("Fold", 2), ("Way", 2), ("Green", 2),
)
# Blocks of flats and supported accommodation ("Flat 4, Larchfield Court").
BLOCK_STEMS: tuple[str, ...] = (
    "Larchfield", "Hawthorn", "Maple", "Cedar", "Rowan", "Willow", "Hazel", "Birch",
    "Heron", "Kestrel", "Linnet", "Sycamore", "Alder", "Juniper", "Bracken", "Thorn",
)
BLOCK_SUFFIXES: tuple[str, ...] = ("Court", "House", "Heights", "Towers", "Point")
# Children's homes ("Rowan Lodge, 14 Karnac Road").
HOME_SUFFIXES: tuple[str, ...] = ("House", "Lodge", "Cottage", "View")

# Schools: fictional names built from invented Yorkshire-sounding places.
SCHOOL_PLACE_PREFIXES: tuple[str, ...] = (
    "Alder", "Bracken", "Bramble", "Cinder", "Clover", "Dove", "Elder", "Fern", "Gorse",
    "Hazel", "Heron", "Ivy", "Juniper", "Kestrel", "Lark", "Linnet", "Moss", "Nettle",
    "Osier", "Plover", "Rook", "Sedge", "Sorrel", "Teasel", "Thistle", "Wren", "Yarrow",
)
SCHOOL_PLACE_SUFFIXES: tuple[str, ...] = (
    "royd", "holme", "beck", "garth", "thwaite", "worth", "clough", "shaw", "thorpe",
)
SCHOOL_SAINTS: tuple[str, ...] = (
    "Aldhelm", "Bega", "Cedd", "Everilda", "Hybald", "Ethelburga", "Oswin", "Eanswythe",
    "Osyth", "Werburgh", "Cuthburga", "Botolph",
)
# (phase, how many, name patterns); {place} and {saint} are filled in.
SCHOOL_PLAN: tuple[tuple[str, int, tuple[str, ...]], ...] = (
    (
        "primary",
        32,
        (
            "{place} Primary School",
            "{place} Primary School",
            "{place} Primary Academy",
            "{place} Church of England Primary School",
            "St {saint}'s Catholic Primary School",
            "{place} Junior School",
        ),
    ),
    (
        "secondary",
        14,
        (
            "{place} High School",
            "{place} Academy",
            "{place} High School",
            "St {saint}'s Catholic High School",
        ),
    ),
    ("all_through", 2, ("{place} All-Through Academy", "{place} School")),
    ("special", 4, ("{place} Specialist Learning Centre", "{place} Special School")),
    (
        "alternative",
        4,
        (
            "{place} Pupil Referral Unit",
            "{place} Alternative Provision Academy",
            "{place} Learning Centre",
        ),
    ),
    ("college", 4, ("{place} College", "{place} Sixth Form College")),
)
SCHOOL_URN_BASE = 900100  # real URNs are 1xxxxx: a 9 marks ours as synthetic

# Agencies: one per Agency.Kind, generic (not real organisations' names).
AGENCIES: tuple[tuple[str, str], ...] = (
    ("early_help", "Early Help Service"),
    ("childrens_social_work", "Children's Social Work Service"),
    ("police", "Police (Child Exploitation Team)"),
    ("adults_and_health", "Adults and Health"),
    ("youth_justice", "Youth Justice Service"),
    ("health", "Community Health (0-19 Service)"),
    ("education", "Education Safeguarding Team"),
    ("camhs", "CAMHS (Child and Adolescent Mental Health Service)"),
    ("youth_offer", "Youth Service"),
    ("community_safety", "Community Safety Partnership"),
    ("third_sector", "Brightwater Youth Trust"),
    ("accommodation", "Hollybank Supported Lodgings"),
    ("other", "Safeguarding Partnership Business Unit"),
)

# Demo users: (role, full name, agency kind, job title). Fictional people.
DEMO_USERS: tuple[tuple[str, str, str, str], ...] = (
    ("referrer", "Rachel Hirst", "education", "Designated Safeguarding Lead"),
    ("coordinator", "Priya Sharma", "childrens_social_work", "MACE Coordinator"),
    ("chair", "Andrew Lockwood", "childrens_social_work", "Service Manager, Safeguarding"),
    ("member", "Jordan Campbell", "police", "Detective Constable"),
    ("analyst", "Tomasz Nowak", "community_safety", "Intelligence Analyst"),
    ("silver", "Helen Sykes", "police", "Detective Inspector"),
    ("gold", "Imran Hussain", "childrens_social_work", "Chief Officer"),
    ("auditor", "Claire Firth", "other", "Information Governance Officer"),
    ("admin", "Daniel Wright", "other", "System Administrator"),
)

# Ages 8-18 on REFERENCE_DATE, skewed to 13-17 as exploitation cohorts are.
AGE_WEIGHTS: tuple[tuple[int, int], ...] = (
    (8, 2), (9, 2), (10, 3), (11, 4), (12, 6), (13, 9), (14, 12), (15, 14), (16, 14),
    (17, 12), (18, 5),
)
# Unaccompanied asylum-seeking children arrive mostly at 15-17.
UASC_AGE_WEIGHTS: tuple[tuple[int, int], ...] = ((14, 2), (15, 4), (16, 6), (17, 5))
GENDER_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("male", 54), ("female", 44), ("other", 1), ("not_known", 1),
)
SEND_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("none", 68), ("sen_support", 18), ("ehcp", 8), ("not_known", 6),
)
DISABILITY_NOTES: tuple[str, ...] = (
    "Autism spectrum condition",
    "ADHD, diagnosed",
    "Moderate learning difficulty",
    "Speech, language and communication needs",
    "Social, emotional and mental health needs",
    "Dyslexia",
    "Hearing impairment; uses hearing aids",
    "Global developmental delay",
    "Foetal alcohol spectrum disorder (suspected)",
    "Epilepsy",
)
LEGAL_STATUS_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("none", 720), ("cin", 110), ("cp", 65), ("la_s20", 40), ("la_s31", 50), ("la_s38", 15),
)
CARE_LEAVER_SHARE_AT_17_PLUS = 0.06
RESTRICTED_SHARE = 0.02
RESTRICTION_REASONS: tuple[str, ...] = (
    "A parent works for children's social work in this authority",
    "A close relative is a police officer in the child exploitation team",
    "The child is a witness in a current criminal trial",
    "Adopted: the child's previous identity and address are protected",
    "A family member is an elected member of the council",
    "A parent works at the child's school and has access to MACE papers",
    "Risk of the family locating the child: placement address protected",
)

# Children's street names and nicknames used by peers and exploiters.
STREET_NAMES: tuple[str, ...] = (
    "Tiny", "Ghost", "Smokey", "Rocket", "Snipes", "Bugsy", "Skinny", "Mini", "Shadow",
    "Slim", "Trigger", "Zed", "Kash", "Reload", "Fizz", "Dizzy", "Spider", "Biggz", "Chunks",
    "Rico", "Neo", "Taz", "Tank", "Scrappy", "Dotty", "Sparks", "Peanut", "Ace", "Bandz",
    "Milli", "Juice", "Stretch", "Twitch", "Smudge", "Bambi", "Angel", "Princess", "Baby",
)
# Short forms people actually use; names not listed fall back to initials or surname forms.
NICKNAMES: dict[str, tuple[str, ...]] = {
    "Oliver": ("Ollie", "Olly"), "Jack": ("Jacko",), "Harry": ("Haz",), "Jacob": ("Jake",),
    "Charlie": ("Chaz",), "Thomas": ("Tom", "Tommy"), "George": ("Georgie",),
    "James": ("Jim", "Jamie"), "William": ("Will", "Billy"), "Joshua": ("Josh",),
    "Alfie": ("Alf",), "Archie": ("Arch",), "Freddie": ("Fred",), "Samuel": ("Sam", "Sammy"),
    "Daniel": ("Dan", "Danny"), "Joseph": ("Joe",), "Benjamin": ("Ben",), "Matthew": ("Matty",),
    "Callum": ("Cal",), "Bradley": ("Brad",), "Cameron": ("Cam",), "Brandon": ("Bran",),
    "Tyler": ("Ty",), "Jayden": ("Jay", "JD"), "Kai": ("K",), "Lewis": ("Lew",),
    "Reece": ("Reecey",), "Connor": ("Con",), "Ethan": ("Eth",), "Nathan": ("Nate",),
    "Olivia": ("Liv", "Livvy"), "Amelia": ("Millie", "Mia"), "Isabella": ("Bella", "Izzy"),
    "Jessica": ("Jess", "Jessie"), "Sophie": ("Soph",), "Charlotte": ("Charlie", "Lottie"),
    "Elizabeth": ("Lizzie", "Beth"), "Rebecca": ("Becky", "Becca"), "Georgia": ("George",),
    "Abigail": ("Abbie", "Abby"), "Bethany": ("Beth",), "Courtney": ("Court",),
    "Chantelle": ("Telle",), "Shannon": ("Shan",), "Natasha": ("Tash",), "Kayleigh": ("Kay",),
    "Muhammad": ("Mo", "Moe"), "Mohammed": ("Mo", "Mohd"), "Mohamed": ("Mo",),
    "Mohammad": ("Mo",), "Ibrahim": ("Ibby",), "Abdirahman": ("Abdi",), "Abdullahi": ("Abdi",),
    "Hamza": ("Hamz",), "Yusuf": ("Yus",), "Zain": ("Z",), "Ayaan": ("Ay",),
    "Emmanuel": ("Manny",), "Oluwaseun": ("Seun",), "Oluwatobi": ("Tobi",),
    "Jermaine": ("Maine",), "Malachi": ("Kai",), "Tyrese": ("Tee",), "Isaiah": ("Zay",),
    "Alexandru": ("Alex",), "Alexander": ("Alex", "Xander"), "Dominik": ("Dom",),
    "Patrik": ("Pat",), "Jakub": ("Kuba",), "Aleksander": ("Olek",), "Nikola": ("Niki",),
    "Gurpreet": ("Gurp",), "Jaskaran": ("Jas",), "Harvir": ("Harv",), "Priya": ("Pri",),
    "Mustafa": ("Musti",), "Abdulrahman": ("Abdul",), "Yonas": ("Yoni",),
    "Zabiullah": ("Zabi",), "Samiullah": ("Sami",), "Rahmatullah": ("Rahmat",),
}
# Other spellings a record may carry (alias kind "alias").
SPELLING_VARIANTS: dict[str, tuple[str, ...]] = {
    "Muhammad": ("Mohammed", "Mohammad"), "Mohammed": ("Muhammad", "Mohamed"),
    "Mohamed": ("Mohammed", "Mohamad"), "Aisha": ("Ayesha", "Aysha"), "Ayesha": ("Aisha",),
    "Kayleigh": ("Kayley", "Kaylee"), "Jayden": ("Jaiden", "Jaydon"), "Aiden": ("Aidan",),
    "Lacey": ("Lacie",), "Hollie": ("Holly",), "Zac": ("Zack", "Zach"), "Jake": ("Jayk",),
    "Hussain": ("Hussein", "Husain"), "Ahmed": ("Ahmad", "Ahmet"), "Chowdhury": ("Choudhury",),
    "Ali": ("Aly",), "Abdi": ("Abdy",), "Yusuf": ("Yousef", "Yusif"), "Khan": ("Kahn",),
    "Horváth": ("Horvath",), "Horváthová": ("Horvathova",), "Baláž": ("Balaz",),
    "Lakatoš": ("Lakatos",), "Lakatošová": ("Lakatosova",), "Giňa": ("Gina",),
    "Wiśniewski": ("Wisniewski",), "Wiśniewska": ("Wisniewska",), "Wójcik": ("Wojcik",),
    "Woźniak": ("Wozniak",), "Zając": ("Zajac",), "Ștefan": ("Stefan",), "Ionuț": ("Ionut",),
    "O'Brien": ("OBrien", "O Brien"), "O'Neill": ("O'Neil", "ONeill"),
    "Nguyen": ("Nguyễn",), "Tesfaye": ("Tesfay",), "Ghebremariam": ("Gebremariam",),
    "Siobhan": ("Shivaun",), "Niamh": ("Neve",), "Caitlin": ("Kaitlyn", "Katelyn"),
    "Macey": ("Macie", "Maisie"), "Kacey": ("Kacie", "Casey"), "Mia": ("Miya",),
    "Tia": ("Tiah",), "Kian": ("Keon",), "Reece": ("Rhys", "Reese"), "Kyle": ("Kile",),
}

# --- Names --------------------------------------------------------------------------
# Each pool: given names (male, female), family names ("Male|Female" where the form
# depends on gender), and weighted first languages and nationalities.

WHITE_BRITISH_MALE = (
    "Oliver", "Jack", "Harry", "Jacob", "Charlie", "Thomas", "George", "Oscar", "James",
    "William", "Noah", "Alfie", "Joshua", "Leo", "Ethan", "Archie", "Freddie", "Logan",
    "Lucas", "Max", "Riley", "Mason", "Harrison", "Tyler", "Jayden", "Dylan", "Kai",
    "Callum", "Liam", "Connor", "Kyle", "Lewis", "Bradley", "Ryan", "Jake", "Reece",
    "Brandon", "Kian", "Cameron", "Tommy", "Finley", "Alex", "Luke", "Daniel", "Samuel",
    "Joseph", "Henry", "Theo", "Jenson", "Ollie", "Billy", "Frankie", "Harvey", "Aiden",
    "Jamie", "Ben", "Owen", "Ellis", "Ashton", "Lennon", "Corey", "Jordan", "Taylor",
    "Zac", "Rhys", "Nathan", "Matthew", "Benjamin", "Adam", "Toby", "Louie", "Arthur",
    "Bobby", "Teddy", "Reggie", "Alexander", "Sonny", "Ronnie", "Hayden", "Leon", "Declan",
    "Morgan", "Charley", "Mackenzie", "Jesse", "Tristan", "Elliot", "Jude",
)
WHITE_BRITISH_FEMALE = (
    "Olivia", "Amelia", "Isla", "Ava", "Emily", "Isabella", "Mia", "Poppy", "Ella", "Lily",
    "Jessica", "Sophie", "Grace", "Evie", "Ruby", "Chloe", "Sophia", "Millie", "Freya",
    "Daisy", "Phoebe", "Holly", "Lacey", "Leah", "Megan", "Paige", "Courtney", "Ellie",
    "Lola", "Scarlett", "Erin", "Molly", "Amber", "Jasmine", "Hollie", "Keeley", "Kayla",
    "Skye", "Summer", "Layla", "Maisie", "Lexi", "Tilly", "Isabelle", "Charlotte",
    "Hannah", "Abigail", "Bethany", "Caitlin", "Demi", "Tia", "Kacey", "Brooke", "Jade",
    "Shannon", "Libby", "Harriet", "Eva", "Rosie", "Macey", "Kayleigh", "Niamh", "Georgia",
    "Lucy", "Katie", "Madison", "Aimee", "Eden", "Esme", "Willow", "Matilda", "Imogen",
    "Lilly", "Ellie-Mae", "Mollie", "Darcy", "Sienna", "Harper", "Francesca", "Rebecca",
)
# Common in West Yorkshire, added to Faker's en_GB surname table.
YORKSHIRE_SURNAMES = (
    "Hirst", "Sykes", "Wood", "Walker", "Barker", "Firth", "Ackroyd", "Haigh", "Lockwood",
    "Brook", "Greenwood", "Hinchliffe", "Shaw", "Holmes", "Wilkinson", "Atkinson", "Dobson",
    "Robinson", "Hargreaves", "Swales", "Normington", "Pickles", "Crowther", "Exley",
    "Ineson", "Lumb", "Dyson", "Hepworth", "Schofield", "Sugden", "Thackray", "Illingworth",
    "Marsden", "Pearson", "Stead", "Hudson", "Ramsden", "Horsfall", "Kitson", "Bottomley",
)

CARIBBEAN_MALE = (
    "Jermaine", "Reuben", "Malachi", "Isaiah", "Kyrie", "Tyrese", "Darnell", "Marcus",
    "Elijah", "Josiah", "Jaden", "Kai", "Nathaniel", "Jayden", "Andre", "Levi", "Kymani",
    "Romario", "Dante", "Jahmal",
)
CARIBBEAN_FEMALE = (
    "Shanice", "Jada", "Tia", "Chantelle", "Kiara", "Aaliyah", "Imani", "Nia", "Keisha",
    "Renee", "Ruby", "Zara", "Amaya", "Tianna", "Destiny", "Shania", "Leah", "Alisha",
)
CARIBBEAN_FAMILY = (
    "Campbell", "Brown", "Williams", "Thompson", "Francis", "Grant", "Reid", "Samuels",
    "Morgan", "Clarke", "Lewis", "Gordon", "Henry", "Lindo", "McKenzie", "Bailey", "Forbes",
    "Richards", "Walters", "Spence", "Johnson", "Powell", "Bennett", "Edwards",
)

NAME_POOLS: dict[str, dict] = {
    "white_british": {
        "male": WHITE_BRITISH_MALE,
        "female": WHITE_BRITISH_FEMALE,
        "family": (),  # Faker en_GB's surname table plus YORKSHIRE_SURNAMES
        "languages": (("English", 100),),
        "nationalities": (("British", 100),),
    },
    "irish": {
        "male": ("Conor", "Ciaran", "Sean", "Cian", "Oisin", "Darragh", "Liam", "Patrick",
                 "Eoin", "Niall", "Ronan", "Callum"),
        "female": ("Niamh", "Aoife", "Siobhan", "Orla", "Roisin", "Ciara", "Saoirse",
                   "Erin", "Grainne", "Aisling", "Caoimhe", "Shauna"),
        "family": ("Murphy", "Kelly", "O'Brien", "O'Neill", "Byrne", "Doyle", "McCarthy",
                   "Gallagher", "Quinn", "Kavanagh", "Walsh", "Ryan", "O'Connor", "Brennan",
                   "Flanagan", "Moran"),
        "languages": (("English", 97), ("Irish", 3)),
        "nationalities": (("British", 55), ("Irish", 45)),
    },
    "traveller": {
        "male": ("Johnny", "Patrick", "Michael", "Martin", "Tommy", "Jimmy", "Billy",
                 "Sonny", "Levi", "Bartley"),
        "female": ("Bridget", "Mary", "Margaret", "Kathleen", "Shannon", "Chelsea",
                   "Ellie-Mae", "Rose", "Kitty", "Winnie"),
        "family": ("McDonagh", "Joyce", "O'Donnell", "Maughan", "Doherty", "Delaney",
                   "Price", "Lee", "Boswell", "Smith", "Ward", "Collins"),
        "languages": (("English", 90), ("Shelta", 5), ("Romani", 5)),
        "nationalities": (("British", 80), ("Irish", 20)),
    },
    "roma": {
        "male": ("Dominik", "Patrik", "Denis", "Marek", "Lukáš", "Kevin", "Roman", "Filip",
                 "Jozef", "Erik", "Mário", "Samuel", "Adrian", "Ionuț", "Robert", "Tomáš"),
        "female": ("Vanesa", "Denisa", "Nikola", "Natália", "Simona", "Kristína", "Laura",
                   "Monika", "Sabina", "Nikoleta", "Andreea", "Bianca", "Dominika"),
        "family": ("Horváth|Horváthová", "Baláž|Balážová", "Lakatoš|Lakatošová",
                   "Gábor|Gáborová", "Oláh|Oláhová", "Kaleja|Kalejová", "Giňa|Giňová",
                   "Dužda|Duždová", "Kotlár|Kotlárová", "Pompa|Pompová", "Mirga|Mirgová",
                   "Stoica", "Lingurar", "Căldăraru", "Ciurar", "Demeter"),
        "languages": (("Romani", 40), ("Slovak", 25), ("Czech", 15), ("Romanian", 10),
                      ("English", 10)),
        "nationalities": (("Slovak", 45), ("Czech", 25), ("Romanian", 15), ("British", 15)),
        "languages_by_nationality": {
            "Slovak": (("Romani", 50), ("Slovak", 40), ("English", 10)),
            "Czech": (("Romani", 50), ("Czech", 40), ("English", 10)),
            "Romanian": (("Romani", 40), ("Romanian", 50), ("English", 10)),
            "British": (("English", 60), ("Romani", 30), ("Slovak", 10)),
        },
    },
    "polish": {
        "male": ("Jakub", "Kacper", "Szymon", "Filip", "Bartosz", "Mateusz", "Michał",
                 "Oskar", "Wiktor", "Dawid", "Kamil", "Adrian", "Aleksander", "Igor"),
        "female": ("Zuzanna", "Julia", "Maja", "Oliwia", "Wiktoria", "Natalia", "Amelia",
                   "Alicja", "Zofia", "Weronika", "Nikola", "Martyna", "Lena"),
        "family": ("Nowak", "Kowalski|Kowalska", "Wiśniewski|Wiśniewska", "Wójcik",
                   "Kowalczyk", "Kamiński|Kamińska", "Lewandowski|Lewandowska",
                   "Zieliński|Zielińska", "Szymański|Szymańska", "Woźniak",
                   "Dąbrowski|Dąbrowska", "Kozłowski|Kozłowska", "Mazur", "Krawczyk",
                   "Kaczmarek", "Zając", "Król", "Wróbel", "Pawlak", "Walczak", "Sikora",
                   "Baran", "Michalak"),
        "languages": (("Polish", 65), ("English", 35)),
        "nationalities": (("Polish", 55), ("British", 45)),
        "languages_by_nationality": {
            "Polish": (("Polish", 85), ("English", 15)),
            "British": (("English", 60), ("Polish", 40)),
        },
    },
    "romanian": {
        "male": ("Andrei", "Alexandru", "Ionuț", "Mihai", "Darius", "Gabriel", "Ștefan",
                 "Cristian", "Rareș", "David", "Luca"),
        "female": ("Maria", "Ioana", "Elena", "Andreea", "Alexandra", "Bianca", "Denisa",
                   "Ana", "Sofia", "Daria"),
        "family": ("Popescu", "Ionescu", "Popa", "Constantin", "Dumitru", "Stan", "Munteanu",
                   "Rusu", "Lungu", "Moldovan", "Marin", "Tudor", "Florea", "Matei"),
        "languages": (("Romanian", 75), ("English", 25)),
        "nationalities": (("Romanian", 70), ("British", 30)),
    },
    "albanian": {
        "male": ("Ardit", "Erion", "Klajdi", "Endri", "Arber", "Kevin", "Mario", "Dorian",
                 "Elvis", "Xhoni", "Besnik", "Arlind"),
        "female": ("Ana", "Klea", "Sara", "Era", "Amelia", "Aurora", "Kejsi", "Ajla"),
        "family": ("Hoxha", "Shehu", "Krasniqi", "Berisha", "Dervishi", "Leka", "Gjoka",
                   "Marku", "Cela", "Brahimi", "Kola", "Hysa"),
        "languages": (("Albanian", 85), ("English", 15)),
        "nationalities": (("Albanian", 85), ("British", 15)),
    },
    "kurdish": {
        "male": ("Aram", "Rebin", "Shvan", "Karwan", "Zhiwar", "Hawkar", "Dana", "Sherwan",
                 "Rawand", "Soran", "Hemin", "Rekar"),
        "female": ("Rojin", "Shilan", "Hana", "Dilan", "Nazdar", "Lana", "Sozan", "Avin",
                   "Shna", "Rozhan"),
        "family": ("Ahmed", "Mohammed", "Karim", "Aziz", "Rasul", "Hama", "Omar", "Salih",
                   "Kareem", "Faraj", "Qadir", "Abdullah"),
        "languages": (("Kurdish (Sorani)", 65), ("Kurdish (Kurmanji)", 15), ("English", 20)),
        "nationalities": (("Iraqi", 55), ("Iranian", 25), ("British", 20)),
        "languages_by_nationality": {
            "British": (("English", 60), ("Kurdish (Sorani)", 30), ("Kurdish (Kurmanji)", 10)),
        },
    },
    "arab": {
        "male": ("Omar", "Ahmad", "Yousef", "Khaled", "Mustafa", "Hamza", "Adam", "Karim",
                 "Ammar", "Yazan", "Abdulrahman", "Mohamed"),
        "female": ("Lana", "Rania", "Sara", "Nour", "Yasmin", "Layan", "Maryam", "Hala",
                   "Jana", "Rahaf"),
        "family": ("Al-Hassan", "Haddad", "Khalil", "Nasser", "Saleh", "Mansour", "Darwish",
                   "Hamdan", "Al-Khatib", "Othman", "Ibrahim", "Suleiman", "Adam", "Osman"),
        "languages": (("Arabic", 80), ("English", 20)),
        "nationalities": (("Syrian", 35), ("Iraqi", 15), ("Sudanese", 15), ("Yemeni", 10),
                          ("Libyan", 5), ("British", 20)),
    },
    "pakistani": {
        "male": ("Muhammad", "Mohammed", "Ayaan", "Zain", "Hamza", "Ibrahim", "Yusuf", "Ali",
                 "Haris", "Rehan", "Zayan", "Musa", "Adam", "Abdullah", "Usman", "Bilal",
                 "Hassan", "Imran", "Saad", "Aariz", "Umar", "Zakariya"),
        "female": ("Aisha", "Maryam", "Zara", "Hafsa", "Amina", "Khadija", "Iqra", "Noor",
                   "Inaya", "Safa", "Hania", "Zainab", "Alisha", "Sana", "Hira", "Eman",
                   "Mahnoor", "Anaya", "Ayesha"),
        "family": ("Khan", "Hussain", "Ahmed", "Ali", "Iqbal", "Akhtar", "Mahmood", "Shah",
                   "Riaz", "Aslam", "Rashid", "Javed", "Butt", "Mirza", "Anwar", "Hanif",
                   "Sadiq", "Malik", "Bashir", "Nawaz", "Rehman", "Younis", "Zaman"),
        "languages": (("English", 50), ("Urdu", 25), ("Punjabi", 15), ("Pahari-Potwari", 10)),
        "nationalities": (("British", 92), ("Pakistani", 8)),
    },
    "indian": {
        "male": ("Arjun", "Aarav", "Rohan", "Gurpreet", "Jaskaran", "Harvir", "Ravi", "Dev",
                 "Krish", "Aryan", "Manveer", "Sukhjit", "Karan", "Veer", "Ishaan"),
        "female": ("Priya", "Simran", "Anika", "Jasmeet", "Navneet", "Harleen", "Diya",
                   "Riya", "Aanya", "Kiran", "Amrit", "Ishani", "Meera", "Pooja"),
        "family": ("Singh|Kaur", "Singh|Kaur", "Patel", "Sharma", "Gill", "Sandhu", "Sidhu",
                   "Dhillon", "Bains", "Mistry", "Kumar", "Chauhan", "Virdi", "Sahota",
                   "Johal", "Parmar", "Mann", "Kalsi"),
        "languages": (("English", 60), ("Punjabi", 25), ("Gujarati", 10), ("Hindi", 5)),
        "nationalities": (("British", 90), ("Indian", 10)),
    },
    "bangladeshi": {
        "male": ("Rayhan", "Tanvir", "Sabbir", "Ayaan", "Farhan", "Abdul", "Rahim", "Shahid",
                 "Imran", "Nayeem", "Rafi", "Sami", "Mohammed", "Arif"),
        "female": ("Nusrat", "Tahmina", "Sumaiya", "Jannat", "Raisa", "Fatima", "Ruksana",
                   "Sadia", "Tasnim", "Afia", "Mariam"),
        "family": ("Miah|Begum", "Uddin|Khatun", "Rahman", "Islam", "Hoque", "Chowdhury",
                   "Ali", "Hossain", "Ahmed", "Khan", "Alom", "Sarker"),
        "languages": (("English", 50), ("Bengali (Sylheti)", 35), ("Bengali", 15)),
        "nationalities": (("British", 92), ("Bangladeshi", 8)),
    },
    "chinese": {
        "male": ("Jack", "Kevin", "Wei", "Hao", "Ming", "Jun", "Ryan", "Ethan", "Zihan",
                 "Yuxuan", "Jason"),
        "female": ("Yan", "Jiaqi", "Hui", "Mei", "Grace", "Chloe", "Xinyi", "Lily", "Ying",
                   "Hannah"),
        "family": ("Wang", "Li", "Zhang", "Chen", "Liu", "Wong", "Chan", "Lam", "Cheung",
                   "Ng", "Lee", "Yang", "Zhou", "Ho"),
        "languages": (("English", 45), ("Cantonese", 25), ("Mandarin", 30)),
        "nationalities": (("British", 60), ("Chinese", 25), ("British National (Overseas)", 15)),
        "languages_by_nationality": {
            "Chinese": (("Mandarin", 85), ("English", 15)),
            "British National (Overseas)": (("Cantonese", 85), ("English", 15)),
        },
    },
    "vietnamese": {
        "male": ("Minh", "Duc", "Tuan", "Van", "Hung", "Quang", "Long", "Nam", "Khoa"),
        "female": ("Anh", "Linh", "Thu", "Lan", "Mai", "Ngoc", "Trang"),
        "family": ("Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui", "Do"),
        "languages": (("Vietnamese", 85), ("English", 15)),
        "nationalities": (("Vietnamese", 85), ("British", 15)),
    },
    "afghan": {
        "male": ("Ahmad", "Mohammad", "Ali", "Farid", "Jawad", "Naveed", "Samiullah", "Hamid",
                 "Mustafa", "Zabiullah", "Rahmatullah", "Ehsan"),
        "female": ("Zahra", "Fatima", "Marwa", "Parisa", "Sahar", "Nilofar"),
        "family": ("Ahmadi", "Hussaini", "Rahimi", "Karimi", "Noori", "Sultani", "Safi",
                   "Mohammadi", "Hakimi", "Popal", "Stanikzai"),
        "languages": (("Pashto", 50), ("Dari", 45), ("English", 5)),
        "nationalities": (("Afghan", 95), ("British", 5)),
    },
    "eritrean": {
        "male": ("Yonas", "Filmon", "Mehari", "Dawit", "Abel", "Yohannes", "Robel", "Samuel",
                 "Kidane", "Amanuel"),
        "female": ("Helen", "Selam", "Saba", "Rahel", "Luwam", "Senait", "Winta", "Eden"),
        "family": ("Tesfaye", "Kidane", "Ghebremariam", "Berhe", "Tekle", "Haile", "Gebru",
                   "Mehari", "Yemane", "Habte"),
        "languages": (("Tigrinya", 85), ("English", 10), ("Amharic", 5)),
        "nationalities": (("Eritrean", 75), ("Ethiopian", 10), ("British", 15)),
    },
    "somali": {
        "male": ("Mohamed", "Abdi", "Abdirahman", "Ahmed", "Hassan", "Yusuf", "Abdullahi",
                 "Mustafe", "Liban", "Khalid"),
        "female": ("Hodan", "Fartun", "Amina", "Ayan", "Sagal", "Hibo", "Nimco", "Ilhan",
                   "Muna", "Zamzam"),
        "family": ("Mohamed", "Hassan", "Abdi", "Warsame", "Farah", "Ali", "Omar", "Jama",
                   "Hussein", "Osman", "Nur", "Yusuf"),
        "languages": (("Somali", 55), ("English", 45)),
        "nationalities": (("British", 60), ("Somali", 30), ("Dutch", 10)),
    },
    "west_african": {
        "male": ("Chidi", "Tobi", "Emmanuel", "David", "Samuel", "Kwame", "Kofi", "Daniel",
                 "Joshua", "Tunde", "Femi", "Chinedu", "Oluwaseun", "Ayo", "Kelvin",
                 "Jeremiah", "Oluwatobi", "Nathan"),
        "female": ("Blessing", "Precious", "Faith", "Chiamaka", "Adaeze", "Ama", "Esther",
                   "Favour", "Temi", "Grace", "Abena", "Ifeoma", "Deborah", "Comfort"),
        "family": ("Okafor", "Adeyemi", "Okoro", "Mensah", "Asante", "Osei", "Boateng",
                   "Eze", "Nwosu", "Oyelaran", "Adebayo", "Owusu", "Ogunleye", "Obi",
                   "Afolabi", "Nwachukwu", "Addo", "Appiah"),
        "languages": (("English", 75), ("Yoruba", 10), ("Igbo", 7), ("Twi", 8)),
        "nationalities": (("British", 70), ("Nigerian", 20), ("Ghanaian", 10)),
        "languages_by_nationality": {
            "British": (("English", 90), ("Yoruba", 5), ("Igbo", 3), ("Twi", 2)),
            "Nigerian": (("English", 50), ("Yoruba", 30), ("Igbo", 20)),
            "Ghanaian": (("English", 50), ("Twi", 50)),
        },
    },
    "southern_african": {
        "male": ("Tendai", "Tinashe", "Tatenda", "Kuda", "Takudzwa", "Simba", "Farai",
                 "Ngoni", "Prince", "Junior"),
        "female": ("Rutendo", "Chipo", "Nyasha", "Tariro", "Tsitsi", "Ruvimbo", "Vimbai",
                   "Blessing", "Gloria"),
        "family": ("Moyo", "Ncube", "Mutasa", "Dube", "Sibanda", "Chikwanha", "Mlambo",
                   "Nyathi", "Chirwa", "Banda", "Phiri", "Mbala", "Kabongo", "Ilunga"),
        "languages": (("English", 70), ("Shona", 20), ("Lingala", 5), ("French", 5)),
        "nationalities": (("British", 55), ("Zimbabwean", 30), ("Congolese", 10),
                          ("Malawian", 5)),
        "languages_by_nationality": {
            "British": (("English", 95), ("Shona", 5)),
            "Zimbabwean": (("English", 50), ("Shona", 40), ("Ndebele", 10)),
            "Congolese": (("Lingala", 50), ("French", 40), ("Swahili", 10)),
            "Malawian": (("English", 60), ("Chichewa", 40)),
        },
    },
    "caribbean": {
        "male": CARIBBEAN_MALE,
        "female": CARIBBEAN_FEMALE,
        "family": CARIBBEAN_FAMILY,
        "languages": (("English", 100),),
        "nationalities": (("British", 97), ("Jamaican", 3)),
    },
}

# Mixed backgrounds: given and family names drawn from parents' pools.
MIXED_POOLS: dict[str, dict[str, tuple[tuple[str, int], ...]]] = {
    "mixed_wbc": {
        "given": (("caribbean", 50), ("white_british", 50)),
        "family": (("white_british", 60), ("caribbean", 40)),
    },
    "mixed_wba": {
        "given": (("west_african", 40), ("white_british", 50), ("southern_african", 10)),
        "family": (("white_british", 55), ("west_african", 35), ("southern_african", 10)),
    },
    "mixed_wa": {
        "given": (("white_british", 60), ("pakistani", 25), ("indian", 15)),
        "family": (("white_british", 50), ("pakistani", 30), ("indian", 20)),
    },
    "mixed_other": {
        "given": (("white_british", 50), ("arab", 15), ("chinese", 15), ("caribbean", 20)),
        "family": (("white_british", 50), ("arab", 15), ("chinese", 15), ("polish", 20)),
    },
}
# Pools whose older boys are often unaccompanied asylum-seeking children.
UASC_POOLS = frozenset({"afghan", "eritrean", "kurdish", "albanian", "vietnamese", "arab"})
UASC_SHARE = 0.35

# Child.Ethnicity -> name pools.
ETHNICITY_POOLS: dict[str, tuple[tuple[str, int], ...]] = {
    "white_british": (("white_british", 1),),
    "white_irish": (("irish", 1),),
    "white_gypsy": (("traveller", 1),),
    "white_roma": (("roma", 1),),
    "white_other": (("polish", 55), ("romanian", 30), ("albanian", 15)),
    "mixed_wbc": (("mixed_wbc", 1),),
    "mixed_wba": (("mixed_wba", 1),),
    "mixed_wa": (("mixed_wa", 1),),
    "mixed_other": (("mixed_other", 1),),
    "asian_indian": (("indian", 1),),
    "asian_pakistani": (("pakistani", 1),),
    "asian_bangladeshi": (("bangladeshi", 1),),
    "asian_chinese": (("chinese", 1),),
    "asian_other": (("afghan", 55), ("vietnamese", 45)),
    "black_african": (
        ("west_african", 45), ("somali", 25), ("southern_african", 20), ("eritrean", 10),
    ),
    "black_caribbean": (("caribbean", 1),),
    "black_other": (("caribbean", 50), ("west_african", 50)),
    "arab": (("arab", 1),),
    "other": (("kurdish", 1),),
    "not_known": (("white_british", 60), ("polish", 10), ("pakistani", 15), ("west_african", 15)),
}
# City-wide shares (per mille) for children known to MACE in a northern English city.
ETHNICITY_WEIGHTS: dict[str, float] = {
    "white_british": 640, "white_irish": 8, "white_gypsy": 5, "white_roma": 20,
    "white_other": 50, "mixed_wbc": 35, "mixed_wba": 15, "mixed_wa": 15, "mixed_other": 15,
    "asian_indian": 25, "asian_pakistani": 60, "asian_bangladeshi": 10, "asian_chinese": 8,
    "asian_other": 12, "black_african": 55, "black_caribbean": 12, "black_other": 6,
    "arab": 10, "other": 10, "not_known": 20,
}
# Multipliers by ward profile: inner-city wards are more diverse than outer towns.
_GROUPS = {
    "white_british": ("white_british",),
    "white_minority": ("white_irish", "white_gypsy", "white_other"),
    "roma": ("white_roma",),
    "mixed": ("mixed_wbc", "mixed_wba", "mixed_wa", "mixed_other"),
    "minority": (
        "asian_indian", "asian_pakistani", "asian_bangladeshi", "asian_chinese",
        "asian_other", "black_african", "black_caribbean", "black_other", "arab", "other",
    ),
    "not_known": ("not_known",),
}
_PROFILE_GROUP_FACTORS: dict[str, dict[str, float]] = {
    "diverse": {"white_british": 0.45, "white_minority": 1.8, "roma": 4.0, "mixed": 1.5,
                "minority": 2.6, "not_known": 1.2},
    "mixed": {"white_british": 1.15, "white_minority": 1.2, "roma": 0.5, "mixed": 1.2,
              "minority": 0.6, "not_known": 1.0},
    "suburban": {"white_british": 0.9, "white_minority": 0.8, "roma": 0.1, "mixed": 1.0,
                 "minority": 1.6, "not_known": 0.9},
    "outer": {"white_british": 1.35, "white_minority": 0.5, "roma": 0.05, "mixed": 0.6,
              "minority": 0.2, "not_known": 0.8},
}
ETHNICITY_PROFILE_FACTORS: dict[str, dict[str, float]] = {
    profile: {eth: factors[group] for group, eths in _GROUPS.items() for eth in eths}
    for profile, factors in _PROFILE_GROUP_FACTORS.items()
}
# fmt: on
