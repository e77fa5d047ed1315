"""The city: the reference date, wards, streets, blocks, schools and agencies."""

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


# fmt: on
