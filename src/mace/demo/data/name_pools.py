"""Given and family names by background, mixed pools, and the pools of unaccompanied
asylum-seeking children."""

from __future__ import annotations

# This module is data: keep the hand-made layout of its lists.
# fmt: off

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

# fmt: on
