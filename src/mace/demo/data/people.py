"""The demo's users, and the children's ages, needs, legal statuses and other
names (street names, nicknames, spellings)."""

from __future__ import annotations

# This module is data: keep the hand-made layout of its lists.
# fmt: off

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


# fmt: on
