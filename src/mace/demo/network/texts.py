"""The demo city's contextual network, as data: county lines, a sexual exploitation network,
peer groups and themes (fictional people, places and identifiers only).

Titles that contextual MACE discusses are those of ``meetings.context_texts.CONTEXTS``, so
each is one record across meetings. Phones are in Ofcom's drama range (07700 900xxx);
registrations and accounts are made up.
"""

from __future__ import annotations

# This module is data: keep the hand-made layout of its lists.
# fmt: off
from dataclasses import dataclass, field


@dataclass(frozen=True)
class PlaceSpec:
    key: str
    name: str  # "{street}" is filled with a street of the ward (an address)
    place_kind: str
    ward: str  # ward name (data.WARDS)
    latitude: float
    longitude: float
    summary: str
    exploitation_type: str = ""
    address: str = ""  # a named place's address ("" for an address: its name)
    district: str = ""  # its postcode district ("" for one of its street's)


@dataclass(frozen=True)
class PersonSpec:
    key: str
    name: str
    names: tuple[tuple[str, str], ...]  # (name, ContextName.Kind)
    ward: str
    certainty: str
    person_status: str
    description: str
    summary: str
    approximate_age: int | None = None
    born: tuple[int, int, int] | None = None  # date of birth (y, m, d)


@dataclass(frozen=True)
class Identifier:
    kind: str  # Node.Kind: phone, vehicle, online_account
    text: str
    detail: str


@dataclass(frozen=True)
class GroupSpec:
    """A network: its persons of concern, places, peer group, identifiers and how many of
    the children discussed at MACE are drawn into it."""

    key: str
    persons: tuple[str, ...]
    places: tuple[str, ...]  # the first is where the persons run things (a trap house)
    identifiers: tuple[tuple[str, Identifier], ...]  # (person key, identifier)
    gender: str  # the children it mostly draws in: "male" or "female"
    children: tuple[int, int]
    theme: str
    peer_group: str = ""  # a peer group's key
    relation: str = "exploits"  # how the first person stands to the children
    seen_at: str = "seen_at"  # how the children stand to the places
    child_texts: tuple[str, ...] = field(default=())


PLACES: tuple[PlaceSpec, ...] = (
    PlaceSpec("harehills_road", "Takeaways and shops on Harehills Road (LS8)", "takeaway",
              "Gipton & Harehills", 53.81268, -1.51652,
              "Two takeaways and a convenience shop; children collect packages from the back "
              "room after school.", "cce", "Harehills Road, Leeds", "LS8"),
    PlaceSpec("harehills_trap", "{number} {street}, Harehills", "address", "Gipton & Harehills",
              53.81432, -1.51093,
              "A rented terraced house used to store and bag drugs; children seen going in "
              "at night. Tenant is vulnerable (cuckooing suspected).", "cce"),
    PlaceSpec("seacroft_trap", "Flat {number}, {street}, Seacroft", "address",
              "Killingbeck & Seacroft", 53.82114, -1.45962,
              "A first-floor flat where boys from the Seacroft group are seen counting cash.",
              "cce"),
    PlaceSpec("seacroft_shops", "Seacroft Green shopping centre", "shop",
              "Killingbeck & Seacroft", 53.82205, -1.45437,
              "Boys gather by the car park entrance in the evenings; a known meeting point.",
              "cce", "Seacroft Green, Leeds", "LS14"),
    PlaceSpec("armley_park", "Armley Park and the skate area", "park", "Armley",
              53.79884, -1.59172,
              "Cannabis sold from the skate area in the evenings; younger children recruited "
              "as runners.", "cce", "Stanningley Road, Leeds", "LS12"),
    PlaceSpec("armley_trap", "{number} {street}, Armley", "address", "Armley",
              53.79671, -1.58754,
              "A back-to-back house used as a base; a moped kept in the yard.", "cce"),
    PlaceSpec("bus_station", "Leeds City Bus Station", "transport_hub", "Hunslet & Riverside",
              53.79627, -1.53561,
              "Girls aged 13 to 15 approached by older males offering lifts and cigarettes, "
              "mostly on Friday evenings.", "cse", "Dyer Street, Leeds", "LS2"),
    PlaceSpec("short_lets", "Short-let flats in Leeds city centre", "hotel",
              "Hunslet & Riverside", 53.79351, -1.54328,
              "Flats booked for a night at a time and used for parties with older males and "
              "children.", "cse", "Leeds city centre", "LS1"),
    PlaceSpec("belle_isle", "{number} {street}, Belle Isle", "address", "Middleton Park",
              53.76532, -1.53117,
              "The address of the weekend parties; alcohol and drugs supplied by older males.",
              "cse"),
    PlaceSpec("vape_group", "Snapchat group 'LS Vape Plug'", "online_platform",
              "Hunslet & Riverside", 53.79960, -1.54910,
              "A Snapchat group advertising vapes and cannabis with delivery to school gates; "
              "pupils from several schools are members.", "online"),
)

PERSONS: tuple[PersonSpec, ...] = (
    PersonSpec("kirkbride", "Dwayne Kirkbride", (("D", "alias"), ("Kirks", "street_name"),
               ("Dwain Kirkbride", "alias")), "Gipton & Harehills", "known",
               "investigation", "White male, slim, shaved head, a scar through the left "
               "eyebrow; drives a black Audi; often wears a grey tracksuit.",
               "Holds the 'Kirks' deal line; runs the Harehills house and pays boys to carry.",
               born=(1999, 3, 14)),
    PersonSpec("pearce", "Liam Pearce", (("Lumps", "street_name"), ("L", "alias")),
               "Gipton & Harehills", "suspected", "active",
               "White male, stocky, about 5ft 8in, dark beard; on an electric bike.",
               "Collects boys from school gates and drives them to the Harehills house.",
               approximate_age=22),
    PersonSpec("gaunt", "Connor Gaunt", (("Gunner", "street_name"), ("Con", "alias")),
               "Killingbeck & Seacroft", "known", "convicted",
               "White male, tall, tattoo of a clock on the neck; drives a grey Vauxhall Corsa.",
               "The adult supplier in LS14: convicted of supplying class A; an STPO names the "
               "boys of the Seacroft group.", born=(1996, 11, 2)),
    PersonSpec("brennan", "Kyle Brennan", (("KB", "alias"), ("Trapper", "street_name")),
               "Armley", "suspected", "active",
               "Mixed-race male, about 20, slim, rides a black moped with a box on the back.",
               "Thought to run the cannabis sold in Armley Park; recruits younger children as "
               "runners.", approximate_age=20),
    PersonSpec("denby", "Mark Denby", (("Marky D", "street_name"), ("Mark Denbigh", "alias")),
               "Hunslet & Riverside", "suspected", "investigation",
               "White male, mid-thirties, heavy build, glasses; drives a grey Ford Focus; "
               "offers girls lifts and cigarettes.",
               "Approaches girls at the bus station; books the short-let flats for the "
               "parties.", approximate_age=34),
    PersonSpec("walsh", "Shane Walsh", (("Walshy", "street_name"),),
               "Middleton Park", "suspected", "active",
               "White male, late twenties, ginger hair, Leeds United shirt.",
               "Hosts the Belle Isle parties; supplies alcohol and cannabis.",
               approximate_age=28),
)

# Peer groups not tied to a school (a school's peer groups are made from its pupils).
PEER_GROUPS: tuple[tuple[str, str, int, int, str, str], ...] = (
    ("seacroft_boys", "Peer group of boys aged 14 to 16 around Seacroft", 14, 16,
     "Hanging around Seacroft Green and the flats; drill videos naming a rival group.",
     "Killingbeck & Seacroft"),
    ("middleton_girls",
     "Girls from two Middleton schools going to parties at an address in Belle Isle", 13, 15,
     "Weekend parties; travel into town by bus; on the same Snapchat groups.",
     "Middleton Park"),
)

SCHOOL_GROUP_ACTIVITIES: tuple[str, ...] = (
    "Leave school together at lunch; seen at the shops near the gates; share a group chat.",
    "Truanting together in the afternoons; vapes sold among them; a TikTok account.",
    "Football after school, then the park; two of them carry for older boys.",
)

# Themes: (key, name, exploitation type, summary). The Snapchat theme is discussed at MACE.
THEMES: tuple[tuple[str, str, str, str], ...] = (
    ("county_lines", "County lines", "cce",
     "Deal lines run from Leeds into the coast and North Yorkshire; children carry and "
     "stay in trap houses."),
    ("taxis", "Taxi use to move children", "cse",
     "Children moved across the city by taxi and private hire, often paid in cash by adults."),
    ("snapchat", "Snapchat groups selling vapes and cannabis to Year 9 pupils", "online",
     "Several schools report the same group names; delivery to the school gates."),
)

GROUPS: tuple[GroupSpec, ...] = (
    GroupSpec(
        "harehills", ("kirkbride", "pearce"), ("harehills_trap", "harehills_road"),
        (("kirkbride", Identifier("phone", "07700 900417", "The 'Kirks' deal line: bulk texts "
                                  "at 7am")),
         ("kirkbride", Identifier("vehicle", "YD68 KVR", "Black Audi A3")),
         ("pearce", Identifier("phone", "07700 900528", "Pay-as-you-go; used to call the boys")),
         ("pearce", Identifier("online_account", "@lumps_ls8", "Snapchat"))),
        "male", (6, 9), "county_lines",
        child_texts=("Seen leaving the house at 11pm with a rucksack.",
                     "Stopped near the takeaway with £300 and two phones.",
                     "Found in Scarborough; the deal line was on his phone.")),
    GroupSpec(
        "seacroft", ("gaunt",), ("seacroft_trap", "seacroft_shops"),
        (("gaunt", Identifier("phone", "07700 900862", "Known to be Gunner's number")),
         ("gaunt", Identifier("vehicle", "YG17 WTX", "Grey Vauxhall Corsa"))),
        "male", (4, 6), "county_lines", peer_group="seacroft_boys",
        child_texts=("Counting cash at the flat when police visited.",
                     "In the Corsa when it was stopped on the A64.")),
    GroupSpec(
        "armley", ("brennan",), ("armley_trap", "armley_park"),
        (("brennan", Identifier("phone", "07700 900193", "Numbers in runners' phones as 'KB'")),
         ("brennan", Identifier("vehicle", "YF21 OZR", "Black moped, top box"))),
        "male", (4, 6), "county_lines", relation="contacts",
        child_texts=("Selling cannabis by the skate area.",
                     "Seen on the back of a black moped.")),
    GroupSpec(
        "belle_isle", ("denby", "walsh"), ("short_lets", "bus_station", "belle_isle"),
        (("denby", Identifier("vehicle", "YC15 PXN", "Grey Ford Focus (the grey car)")),
         ("denby", Identifier("online_account", "@markyd_88", "Snapchat")),
         ("walsh", Identifier("phone", "07700 900655", "Texts the girls about parties"))),
        "female", (4, 7), "taxis", peer_group="middleton_girls",
        child_texts=("Got into a grey car at the bus station.",
                     "Returned from a party with alcohol and a new phone.",
                     "Found at a short-let flat by police at 3am.")),
)

PERSON_LINKS: tuple[tuple[str, str, str], ...] = (
    ("kirkbride", "associates", "pearce"),
    ("denby", "associates", "walsh"),
    ("gaunt", "associates", "kirkbride"),
)

HANDLING_CONDITIONS: tuple[str, ...] = (
    "Police intelligence: not to be shared outside the core group or with the family.",
    "From a covert source: do not act on it without speaking to the Child Exploitation Team.",
    "Shared by the school in confidence: not to be disclosed to the child or parents.",
)

RETRACTION_REASONS: tuple[str, ...] = (
    "Mistaken identity: the boy seen was his cousin, as the school confirmed.",
    "The intelligence was disproved: the phone belonged to a relative.",
    "Recorded against the wrong place: the sighting was at a different address.",
)

PROPOSAL_REASONS: tuple[str, ...] = (
    "Raised at child-focused MACE: to confirm with police intelligence.",
    "Named in a social worker's case note: to check before it is confirmed.",
)

ALERT_DISMISSAL = "Already known: the child is on the next contextual agenda with this place."

# Disruption: (record key, tactic, agency kind, started days ago, expires in days from today
# (None: no expiry), reference, details, (ended days ago, outcome) or None).
DISRUPTIONS: tuple[tuple, ...] = (
    ("kirkbride", "stro", "police", 400, 400, "LS/MC/2025/0417",
     "Not to contact any child under 18 by phone or social media; not to enter LS8 4 at "
     "night.", None),
    ("kirkbride", "cawn", "police", 710, 20, "CAWN/WY/2024/0193",
     "Issued about a boy of 15 seen at the Harehills house (named on the police record).", None),
    ("pearce", "arrest", "police", 60, None, "13/88412/26",
     "Arrested on suspicion of being concerned in the supply of class A drugs; released "
     "under investigation.", None),
    ("gaunt", "stpo", "police", 300, 1600, "LS/CC/2025/2281",
     "On conviction: not to contact the boys named in the order; a curfew 9pm to 7am; one "
     "phone, declared to police.", None),
    ("brennan", "cawn", "police", 90, 640, "CAWN/WY/2026/0811",
     "Issued about two boys of 13 and 14 seen on his moped.", None),
    ("denby", "sro", "police", 120, 610, "LS/MC/2026/0356",
     "Not to offer lifts to anyone under 18; not to book short-let accommodation without "
     "telling police.", None),
    ("walsh", "cawn", "police", 718, 12, "CAWN/WY/2024/0377",
     "Issued about a girl of 14 found at the Belle Isle address.", None),
    ("harehills_road", "licensing_review", "community_safety", 300, None, "LIC/2025/118",
     "Review of the two takeaways' licences after children were seen in the back room.",
     (240, "Review held; conditions added to both licences.")),
    ("harehills_road", "patrols", "police", 330, None, "",
     "Targeted patrols after school, 3pm to 7pm, for six weeks.",
     (288, "Patrols done; two adults arrested, one vehicle seized.")),
    ("harehills_trap", "closure_order", "police", 80, 10, "LS/MC/2026/1142",
     "Premises closure order: nobody but the tenant may enter for three months.", None),
    ("seacroft_trap", "closure_order", "police", 20, 70, "LS/MC/2026/1390",
     "Premises closure order granted after a warrant found scales and cash.", None),
    ("bus_station", "business_engagement", "community_safety", 250, None, "",
     "Train bus station and café staff to spot and report exploitation.",
     (200, "Training given to 40 staff; posters up.")),
    ("bus_station", "patrols", "police", 150, None, "",
     "Joint visits with British Transport Police on Friday evenings.", None),
    ("short_lets", "hotel_notice", "police", 300, -120, "HIN/WY/2025/071",
     "Hotel and short-let information notice to the letting agent of two flats.",
     (120, "Notice ran its six months; the agent now checks bookings.")),
    ("short_lets", "hotel_notice", "police", 100, 80, "HIN/WY/2026/019",
     "Notice to a second agent after a girl of 14 was found at a flat.", None),
    ("belle_isle", "closure_order", "police", 200, -110, "LS/MC/2026/0502",
     "Closure order for the party address.",
     (110, "Closure order ran its three months; no parties reported since.")),
    ("seacroft_boys", "patrols", "police", 60, None, "",
     "Patrols with detached youth workers on Friday and Saturday nights.", None),
    ("armley_park", "patrols", "police", 180, None, "",
     "Neighbourhood patrols and a dispersal order at weekends.",
     (100, "Dispersal order used twice; reports down.")),
)
