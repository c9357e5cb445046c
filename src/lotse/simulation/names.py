"""Common first and family names per origin, and parts for plausible German employer names.

Every generated person is synthetic: a first name and a family name are drawn independently
from short lists of common names of the person's country of origin, so a combination that
happens to belong to a real person says nothing about that person.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

# (female first names, male first names, family names)
_GROUPS: dict[str, tuple[str, str, str]] = {
    "de": (
        "Anna Laura Julia Sarah Lisa Katharina Sandra Nicole Stefanie Melanie Sabine Petra "
        "Claudia Andrea Jennifer Jessica Michelle Nadine Tanja Birgit Kerstin Lena Marie Jana",
        "Thomas Michael Andreas Stefan Christian Markus Daniel Sebastian Tobias Jan Frank Jens "
        "Sven Dirk Marco Dennis Kevin Patrick Uwe Lars Jörg Timo Maik René",
        "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter "
        "Klein Wolf Schröder Neumann Schwarz Braun Zimmermann Krüger Hartmann Lange Werner Krause "
        "Lehmann Köhler Herrmann König Walter Kaiser Fuchs Peters Jung Möller Hahn Keller Vogel "
        "Friedrich Günther Busch Brandt Thiele Winkler Lorenz Ludwig Pohl Roth Kuhn Schubert",
    ),
    "uk": (
        "Olena Tetiana Natalia Iryna Oksana Svitlana Yulia Kateryna Anastasiia Halyna Liudmyla "
        "Mariia Viktoriia Inna Alina Daria",
        "Oleksandr Serhii Andrii Volodymyr Dmytro Mykola Ivan Yurii Vasyl Maksym Oleh Ihor "
        "Viktor Taras Bohdan Roman",
        "Melnyk Shevchenko Boiko Kovalenko Bondarenko Tkachenko Kovalchuk Kravchenko Oliinyk "
        "Shevchuk Koval Polishchuk Bondar Tkachuk Moroz Marchenko Lysenko Rudenko Savchenko "
        "Petrenko Klymenko Pavlenko",
    ),
    "ar": (
        "Fatima Aisha Maryam Noor Rania Hala Layla Amal Salma Zainab Huda Yasmin Rasha Dima "
        "Samira Nour",
        "Mohammed Ahmad Ali Omar Khaled Hassan Mahmoud Yousef Ibrahim Mustafa Abdullah Hussein "
        "Karim Bilal Tarek Samer",
        "Al-Ahmad Haddad Khalil Hamdan Ibrahim Hassan Youssef Saleh Darwish Najjar Othman Zaher "
        "Mansour Al-Hamwi Kassem Masri Rahman Aziz Suleiman Jaber",
    ),
    "fa": (
        "Zahra Maryam Fatemeh Somayeh Parisa Shirin Nilufar Farzaneh Mina Roya Soraya Marzieh "
        "Laleh Nazanin",
        "Ahmad Mohammad Ali Reza Hossein Mehdi Mustafa Jawad Farid Hamid Sohrab Navid Omid "
        "Rahim Karim",
        "Ahmadi Mohammadi Hosseini Rezaei Karimi Rahimi Hashemi Sultani Azizi Jafari Haidari "
        "Nazari Sharifi Amiri Noori Qasemi Mirzaei Sadeghi",
    ),
    "ti": (
        "Senait Helen Mebrat Selam Saba Ruta Lidia Meron Feven Yordanos",
        "Tesfay Yonas Berhane Samuel Dawit Habtom Filmon Mehari Kidane Tekle",
        "Gebremedhin Tesfamariam Haile Kahsay Berhe Ghebreyesus Andemariam Woldemichael "
        "Tekeste Mengstu Habte Yohannes",
    ),
    "en_ng": (
        "Blessing Chioma Ngozi Funmilayo Adaeze Aisha Grace Joy Esther Omolara",
        "Chinedu Emeka Oluwaseun Ibrahim Musa Tunde Samuel David Uchenna Abdullahi",
        "Okafor Adeyemi Okonkwo Balogun Eze Nwosu Ogunleye Abubakar Bello Obi Adebayo Ibekwe",
    ),
    "ur": (
        "Ayesha Fatima Sana Mehwish Hina Amna Saima Rabia Nadia Iqra",
        "Muhammad Ali Usman Bilal Imran Asif Kamran Faisal Hamza Tariq Zeeshan Waqas",
        "Khan Ahmed Hussain Malik Iqbal Butt Chaudhry Qureshi Shah Raza Mirza Akhtar",
    ),
    "so": (
        "Hodan Amina Fadumo Sahra Hawa Ifrah Nimco Ayan Asha Muna",
        "Abdi Mohamed Ahmed Hassan Abdirahman Yusuf Omar Ali Farah Mahad",
        "Warsame Abdullahi Osman Farah Hussein Jama Aden Egal Hirsi Mohamud Nur Guled",
    ),
    "tr": (
        "Ayşe Fatma Emine Zeynep Elif Hatice Merve Büşra Derya Esra Sibel Gül",
        "Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim Murat Emre Serkan Burak Kemal",
        "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan "
        "Kılıç Aslan Çetin Kara Koç Kurt",
    ),
    "pl": (
        "Anna Katarzyna Magdalena Agnieszka Joanna Małgorzata Ewa Monika Karolina Aleksandra",
        "Piotr Krzysztof Tomasz Paweł Marcin Michał Łukasz Grzegorz Jakub Adam",
        "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański "
        "Woźniak Dąbrowski Kozłowski",
    ),
    "ro": (
        "Maria Elena Ioana Andreea Mihaela Alexandra Cristina Gabriela Daniela Ana",
        "Ion Gheorghe Andrei Alexandru Mihai Constantin Florin Adrian Ionuț Marius",
        "Popescu Ionescu Popa Constantin Stan Dumitru Stoica Gheorghe Matei Ciobanu Rusu "
        "Munteanu Lungu Marin",
    ),
    "bg": (
        "Maria Ivanka Elena Yordanka Petya Desislava Gergana Snezhana Rositsa Daniela",
        "Georgi Ivan Dimitar Nikolay Petar Hristo Stoyan Todor Angel Yordan",
        "Ivanov Georgiev Dimitrov Petrov Nikolov Hristov Stoyanov Todorov Iliev Angelov "
        "Atanasov Kolev Yordanov",
    ),
    "south_eu": (
        "Maria Giulia Francesca Eleni Georgia Ana Marija Ivana Sofia Chiara",
        "Giuseppe Marco Luca Giorgos Dimitris Nikos Ivan Marko Josip Antonio",
        "Rossi Russo Ferrari Esposito Papadopoulos Georgiou Nikolaidis Horvat Kovačević Babić "
        "García Fernández Silva Santos",
    ),
    "ru": (
        "Elena Olga Tatiana Natalia Irina Svetlana Anna Ekaterina Nino Mariam",
        "Sergei Alexander Dmitri Andrei Alexei Vladimir Nikolai Giorgi Armen Igor",
        "Ivanov Smirnov Kuznetsov Popov Vasiliev Petrov Sokolov Mikhailov Beridze Kapanadze "
        "Hovhannisyan Sargsyan",
    ),
    "balkan": (
        "Arta Blerta Drita Fatmire Merita Valentina Jelena Amra Lejla Emina",
        "Arben Bekim Driton Fatmir Ilir Valon Dragan Nikola Emir Adnan",
        "Krasniqi Gashi Berisha Morina Shala Hoxha Kelmendi Jovanović Petrović Hodžić Hadžić Begić",
    ),
    "maghreb": (
        "Fatima Khadija Naima Samira Malika Karima Souad Nadia Latifa Meriem",
        "Mohamed Ahmed Youssef Rachid Karim Hamza Mehdi Amine Khalid Nabil",
        "El Amrani Benali Bouzid Haddad Mansouri Benjelloun Chaoui Idrissi Saidi Belkacem",
    ),
    "asia": (
        "Linh Thu Huong Mai Priya Anjali Mei Li Ying Lan",
        "Minh Tuan Hung Duc Rahul Amit Wei Jun Hao Quang",
        "Nguyen Tran Le Pham Hoang Sharma Patel Singh Wang Li Zhang Chen",
    ),
}

_GROUP_OF: dict[str, str] = {
    "DE": "de", "UA": "uk", "SY": "ar", "IQ": "ar", "LB": "ar", "EG": "ar", "AF": "fa",
    "IR": "fa", "ER": "ti", "NG": "en_ng", "GH": "en_ng", "PK": "ur", "IN": "asia", "SO": "so",
    "TR": "tr", "PL": "pl", "LT": "pl", "LV": "ru", "RO": "ro", "MD": "ro", "BG": "bg",
    "GR": "south_eu", "IT": "south_eu", "HR": "south_eu", "ES": "south_eu", "PT": "south_eu",
    "HU": "south_eu", "NL": "de", "RU": "ru", "GE": "ru", "AM": "ru", "XK": "balkan",
    "RS": "balkan", "AL": "balkan", "MK": "balkan", "BA": "balkan", "MA": "maghreb",
    "DZ": "maghreb", "TN": "maghreb", "VN": "asia", "CN": "asia",
}  # fmt: skip

_SPLIT: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    key: (tuple(f.split()), tuple(m.split()), tuple(s.split()))
    for key, (f, m, s) in _GROUPS.items()
}
# A few family names contain a space ("El Amrani"); keep them whole.
_SPLIT["maghreb"] = (
    _SPLIT["maghreb"][0],
    _SPLIT["maghreb"][1],
    ("El Amrani", "Benali", "Bouzid", "Haddad", "Mansouri", "Benjelloun", "Chaoui", "Idrissi",
     "Saidi", "Belkacem"),
)  # fmt: skip


def name_group(citizenship: str) -> str:
    """The name list used for a citizenship.

    >>> name_group("SY"), name_group("UA"), name_group("FR")
    ('ar', 'uk', 'de')
    """
    return _GROUP_OF.get(citizenship, "de")


def person_name(rng: np.random.Generator, citizenship: str, female: bool) -> str:
    """A synthetic display name: a common first name and a common family name."""
    first_f, first_m, family = _SPLIT[name_group(citizenship)]
    first = first_f if female else first_m
    return f"{first[int(rng.integers(len(first)))]} {family[int(rng.integers(len(family)))]}"


def person_names(
    rng: np.random.Generator, citizenships: list[str], female: NDArray[np.bool_]
) -> list[str]:
    """:func:`person_name` for many people at once."""
    u = rng.random((len(citizenships), 2))
    out = []
    for i, code in enumerate(citizenships):
        first_f, first_m, family = _SPLIT[name_group(code)]
        first = first_f if female[i] else first_m
        out.append(f"{first[int(u[i, 0] * len(first))]} {family[int(u[i, 1] * len(family))]}")
    return out


def german_family_name(rng: np.random.Generator) -> str:
    family = _SPLIT["de"][2]
    return family[int(rng.integers(len(family)))]


EMPLOYER_PATTERNS: dict[str, tuple[str, ...]] = {
    "logistics": ("{name} Logistik GmbH", "Spedition {name} GmbH & Co. KG",
                  "{place} Lager- und Logistikservice GmbH", "Transporte {name} e.K."),
    "care": ("Pflegedienst {name}", "Seniorenzentrum {place} gGmbH",
             "Ambulante Pflege {name} GmbH", "Pflegeheim Haus {name} gGmbH"),
    "cleaning": ("Gebäudereinigung {name} GmbH", "{name} Facility Services GmbH",
                 "Reinigungsdienst {place} GmbH"),
    "hospitality": ("Hotel {name}", "Gasthaus {name}", "Brauhaus {name}",
                    "Restaurant Zur Post {place}", "Kantinenservice {name} GmbH"),
    "retail": ("{name} Lebensmittelmarkt e.K.", "Bäckerei {name}", "Modehaus {name} GmbH",
               "{place}er Baumarkt GmbH"),
    "construction": ("{name} Bau GmbH", "{name} Haustechnik GmbH",
                     "Bauunternehmung {name} GmbH & Co. KG", "{name} Bodenbeläge"),
    "manufacturing": ("{name} Metallbau GmbH", "{name} Maschinenbau GmbH",
                      "{place}er Kunststofftechnik GmbH", "{name} Fleischwaren GmbH",
                      "Autohaus {name} GmbH"),
    "office": ("Steuerberatung {name}", "{name} & Partner mbB", "{place} Versicherungsbüro {name}",
               "{name} IT-Services GmbH"),
    "social": ("Kita Sonnenschein {place}", "Evangelische Jugendhilfe {place}",
               "Kinder- und Jugendhilfe {name} e.V."),
    "security": ("{name} Sicherheitsdienst GmbH", "Wachschutz {place} GmbH"),
    "agriculture": ("Gartenbau {name}", "Hof {name}", "Garten- und Landschaftsbau {name} GmbH"),
    "temp_agency": ("{name} Personaldienstleistungen GmbH", "{place} Personal Service GmbH",
                    "Zeitarbeit {name} GmbH"),
    "solar": ("{place} Solar Modultechnik GmbH", "{name} Photovoltaik Montage GmbH",
              "SolarWerk {place} GmbH"),
    "transport": ("Busreisen {name} GmbH", "Taxi {name}", "Reisedienst {name} GmbH"),
}  # fmt: skip
"""Employer name patterns per sector; ``{name}`` a German family name, ``{place}`` the town."""


def employer_name(rng: np.random.Generator, sector: str, place: str) -> str:
    patterns = EMPLOYER_PATTERNS[sector]
    pattern = patterns[int(rng.integers(len(patterns)))]
    town = place.split(" (")[0]
    return pattern.format(name=german_family_name(rng), place=town)
