"""End-to-end geoparsing on 25 short fictional wire paragraphs (real places, invented events).

Each paragraph lists the place names a gold annotator would mark, with approximate coordinates. A gold place
is recalled when a predicted place shares a word with its name and lies within 161 km of it; a predicted
place is correct when it lies within 161 km of one of the paragraph's gold places. Countries carry the
conventional whole-degree centre points of the GeoNames country records (news geoparsing corpora use them);
other coordinates are approximate centres. The floors sit below what the stage reaches (recall 0.97,
precision 1.0 when written) and guard against regressions on news-like text across many regions.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from fieldbrief.extract import places
from fieldbrief.model import Article, Place
from fieldbrief.options import Options
from fieldbrief.stage import Context
from scoring import km, name_match

MAX_KM = 161.0
RECALL_FLOOR = 0.9
PRECISION_FLOOR = 0.9

Gold = list[tuple[str, float, float]]

PARAGRAPHS: list[tuple[str, Gold]] = [
    (
        "KYIV (Wire) - Russian drones struck energy facilities in the Kharkiv region overnight, officials said "
        "on Monday. Regional governor said two people were wounded in Chuhuiv. Air defences shot down missiles "
        "over the Dnipropetrovsk oblast, and debris fell near Pavlohrad.",
        [
            ("Kyiv", 50.45, 30.52),
            ("Kharkiv region", 49.99, 36.23),
            ("Chuhuiv", 49.84, 36.69),
            ("Dnipropetrovsk oblast", 48.46, 35.04),
            ("Pavlohrad", 48.53, 35.87),
        ],
    ),
    (
        "ODESA, Ukraine (Wire) - A missile hit a grain terminal in the port of Izmail on the Danube River, "
        "Ukraine's military said. Shipments to Romania were briefly halted. Fighting continued in eastern "
        "Ukraine around Pokrovsk in the Donetsk region.",
        [
            ("Odesa", 46.48, 30.73),
            ("Izmail", 45.35, 28.84),
            ("Danube River", 45.3, 28.9),
            ("Romania", 45.9, 24.97),
            ("Pokrovsk", 48.28, 37.18),
            ("Donetsk region", 48.0, 37.8),
            ("Ukraine", 49.0, 31.0),
        ],
    ),
    (
        "GAZA CITY (Wire) - Israeli air strikes killed at least 12 people in Khan Younis and Rafah in the "
        "southern Gaza Strip, health officials said. Aid trucks waited at the Kerem Shalom crossing. In the "
        "occupied West Bank, troops raided the Jenin refugee camp.",
        [
            ("Gaza City", 31.5, 34.47),
            ("Khan Younis", 31.35, 34.3),
            ("Rafah", 31.29, 34.25),
            ("Gaza Strip", 31.4, 34.38),
            ("Kerem Shalom", 31.23, 34.28),
            ("West Bank", 31.95, 35.3),
            ("Jenin", 32.46, 35.3),
        ],
    ),
    (
        "BEIRUT (Wire) - An Israeli strike hit a building in the southern suburbs of Beirut on Tuesday, "
        "Lebanese state media reported. Shelling was also reported near Nabatieh and the border town of "
        "Khiam. Hezbollah said it fired rockets at positions in northern Israel.",
        [("Beirut", 33.89, 35.5), ("Nabatieh", 33.38, 35.48), ("Khiam", 33.33, 35.61), ("Israel", 32.8, 35.3)],
    ),
    (
        "RAMALLAH, West Bank (Wire) - Settlers set fire to cars in a village near Nablus, the Palestinian "
        "health ministry said. Israeli forces later closed roads around Hebron and Tulkarm. The United Nations "
        "urged restraint.",
        [
            ("Ramallah", 31.9, 35.2),
            ("West Bank", 31.95, 35.3),
            ("Nablus", 32.22, 35.25),
            ("Hebron", 31.53, 35.1),
            ("Tulkarm", 32.31, 35.03),
        ],
    ),
    (
        "KHARTOUM (Wire) - The paramilitary Rapid Support Forces shelled El Fasher, the capital of North "
        "Darfur, residents said. Thousands fled towards Tawila and across the border into Chad. Fighting "
        "also flared in Omdurman and in Gezira state.",
        [
            ("Khartoum", 15.5, 32.56),
            ("El Fasher", 13.63, 25.35),
            ("North Darfur", 15.0, 25.0),
            ("Tawila", 13.5, 24.86),
            ("Chad", 15.45, 18.73),
            ("Omdurman", 15.64, 32.48),
            ("Gezira state", 14.4, 33.5),
        ],
    ),
    (
        "PORT SUDAN, Sudan (Wire) - Aid agencies warned of famine in Darfur and Kordofan. A convoy reached "
        "Nyala in South Darfur after weeks of delay, the World Food Programme said. The army retook Wad Madani "
        "in January.",
        [
            ("Port Sudan", 19.62, 37.22),
            ("Sudan", 15.0, 30.0),
            ("Darfur", 13.5, 24.0),
            ("Kordofan", 13.0, 30.0),
            ("Nyala", 12.05, 24.88),
            ("South Darfur", 11.5, 24.9),
            ("Wad Madani", 14.4, 33.52),
        ],
    ),
    (
        "YANGON (Wire) - Myanmar's military carried out air strikes in Sagaing region, killing at least nine "
        "villagers, a local group said. Resistance forces claimed control of Lashio in northern Shan State. "
        "Clashes were also reported in Rakhine State near Sittwe.",
        [
            ("Yangon", 16.8, 96.16),
            ("Myanmar", 22.0, 98.0),
            ("Sagaing region", 24.0, 95.5),
            ("Lashio", 22.94, 97.75),
            ("Shan State", 21.5, 97.8),
            ("Rakhine State", 20.1, 93.7),
            ("Sittwe", 20.15, 92.9),
        ],
    ),
    (
        "BAMAKO (Wire) - Suspected jihadists attacked a military post near Mopti in central Mali, the army "
        "said. In neighbouring Burkina Faso, gunmen killed civilians in a village outside Djibo. Niger's "
        "junta closed the border crossing at Tillaberi.",
        [
            ("Bamako", 12.64, -8.0),
            ("Mopti", 14.49, -4.2),
            ("Mali", 17.0, -4.0),
            ("Burkina Faso", 12.3, -1.6),
            ("Djibo", 14.1, -1.63),
            ("Niger", 17.0, 9.0),
            ("Tillaberi", 14.21, 1.45),
        ],
    ),
    (
        "NIAMEY (Wire) - Soldiers were killed in an ambush in the Tahoua region of western Niger, the defence "
        "ministry said. The attack came days after fighting near Menaka in Mali. Officials in Ouagadougou "
        "condemned the violence.",
        [
            ("Niamey", 13.51, 2.11),
            ("Tahoua region", 14.89, 5.26),
            ("Niger", 17.0, 9.0),
            ("Menaka", 15.92, 2.4),
            ("Mali", 17.0, -4.0),
            ("Ouagadougou", 12.37, -1.52),
        ],
    ),
    (
        "MOGADISHU (Wire) - Al-Shabaab fighters stormed a hotel in the Somali capital late on Friday, police "
        "said. Government troops backed by clan militias pushed into the Middle Shabelle region. A separate "
        "blast struck Baidoa, in southwestern Somalia.",
        [("Mogadishu", 2.04, 45.34), ("Middle Shabelle", 2.9, 45.5), ("Baidoa", 3.12, 43.65), ("Somalia", 6.0, 48.0)],
    ),
    (
        "KISMAYO, Somalia (Wire) - Kenyan troops repelled an attack on a base in Lower Juba, the African Union "
        "mission said. Fighters later withdrew towards Jilib. Officials in Nairobi said the border at Mandera "
        "would remain open.",
        [
            ("Kismayo", -0.36, 42.55),
            ("Somalia", 6.0, 48.0),
            ("Lower Juba", -0.2, 42.0),
            ("Jilib", 0.49, 42.77),
            ("Nairobi", -1.29, 36.82),
            ("Mandera", 3.94, 41.86),
        ],
    ),
    (
        "GOMA, Democratic Republic of Congo (Wire) - M23 rebels advanced on Sake, west of Goma, in North Kivu "
        "province, the army said. Thousands of displaced people sheltered in camps near Lake Kivu. Fighting "
        "was also reported in South Kivu near Bukavu.",
        [
            ("Goma", -1.68, 29.22),
            ("Democratic Republic of Congo", -2.9, 23.6),
            ("Sake", -1.57, 29.05),
            ("North Kivu", -0.8, 29.0),
            ("Lake Kivu", -2.0, 29.2),
            ("South Kivu", -3.0, 28.3),
            ("Bukavu", -2.51, 28.86),
        ],
    ),
    (
        "KINSHASA (Wire) - Militiamen killed at least 20 villagers in Ituri province, near the town of Bunia, "
        "a local official said. Uganda and Rwanda deny backing armed groups in eastern Congo.",
        [
            ("Kinshasa", -4.32, 15.31),
            ("Ituri", 1.5, 29.5),
            ("Bunia", 1.56, 30.25),
            ("Uganda", 1.37, 32.3),
            ("Rwanda", -1.94, 29.87),
            ("Congo", -2.9, 23.6),
        ],
    ),
    (
        "SANAA (Wire) - Houthi forces launched drones at ships in the Red Sea, the group said. U.S. and British "
        "jets struck targets near Hodeidah and in Saada province. In Marib, government troops repelled an "
        "attack, officials in Aden said.",
        [
            ("Sanaa", 15.35, 44.2),
            ("Red Sea", 20.0, 38.5),
            ("U.S.", 39.8, -98.6),
            ("Hodeidah", 14.8, 42.95),
            ("Saada", 16.94, 43.76),
            ("Marib", 15.46, 45.32),
            ("Aden", 12.78, 45.03),
        ],
    ),
    (
        "ADEN, Yemen (Wire) - Fighting between government forces and Houthi rebels killed 15 people in Taiz, "
        "medical sources said. The coastal town of Mokha was shelled. Saudi Arabia hosted talks in Riyadh.",
        [
            ("Aden", 12.78, 45.03),
            ("Yemen", 15.5, 47.5),
            ("Taiz", 13.58, 44.02),
            ("Mokha", 13.32, 43.25),
            ("Saudi Arabia", 24.0, 45.0),
            ("Riyadh", 24.69, 46.72),
        ],
    ),
    (
        "DAMASCUS (Wire) - Clashes erupted in the southern province of Daraa, a war monitor said. In the "
        "north, Turkish-backed factions shelled positions near Manbij, east of Aleppo. Kurdish-led forces "
        "detained suspects in Deir ez-Zor.",
        [
            ("Damascus", 33.51, 36.29),
            ("Daraa", 32.62, 36.1),
            ("Manbij", 36.53, 37.95),
            ("Aleppo", 36.2, 37.16),
            ("Deir ez-Zor", 35.33, 40.14),
        ],
    ),
    (
        "IDLIB, Syria (Wire) - Air strikes hit a market in the northwestern city, rescuers said. Displaced "
        "families moved towards the border with Turkey near Bab al-Hawa. Government forces were reported "
        "massing near Hama and Latakia.",
        [
            ("Idlib", 35.93, 36.63),
            ("Syria", 35.0, 38.0),
            ("Turkey", 39.0, 35.0),
            ("Bab al-Hawa", 36.23, 36.67),
            ("Hama", 35.13, 36.75),
            ("Latakia", 35.52, 35.78),
        ],
    ),
    (
        "KABUL (Wire) - A bomb exploded at a mosque in Kunduz, killing worshippers, the Taliban's interior "
        "ministry said. In southern Helmand province, officials reported floods. Pakistan closed the Torkham "
        "crossing after clashes.",
        [
            ("Kabul", 34.53, 69.17),
            ("Kunduz", 36.73, 68.86),
            ("Helmand", 31.0, 64.0),
            ("Pakistan", 30.0, 70.0),
            ("Torkham", 34.1, 71.09),
        ],
    ),
    (
        "HERAT, Afghanistan (Wire) - An earthquake struck western Afghanistan near the border with Iran, "
        "destroying villages in Zinda Jan district. Aid arrived from Kandahar and Mazar-i-Sharif.",
        [
            ("Herat", 34.34, 62.2),
            ("Afghanistan", 33.0, 66.0),
            ("Iran", 32.0, 53.0),
            ("Zinda Jan", 34.34, 61.75),
            ("Kandahar", 31.61, 65.71),
            ("Mazar-i-Sharif", 36.71, 67.11),
        ],
    ),
    (
        "TRIPOLI, Libya (Wire) - Rival militias clashed near the airport, the health ministry said. The eastern "
        "administration in Benghazi blamed the government for the violence. Floods last year devastated Derna.",
        [("Tripoli", 32.89, 13.19), ("Libya", 27.0, 17.0), ("Benghazi", 32.12, 20.07), ("Derna", 32.77, 22.64)],
    ),
    (
        "MOSUL, Iraq (Wire) - Security forces arrested suspected Islamic State members in Nineveh province, "
        "officials said. In Baghdad, parliament debated the budget. A drone hit a base near Erbil in the "
        "Kurdistan region.",
        [
            ("Mosul", 36.34, 43.13),
            ("Iraq", 33.0, 44.0),
            ("Nineveh", 36.2, 43.0),
            ("Baghdad", 33.31, 44.37),
            ("Erbil", 36.19, 44.01),
            ("Kurdistan region", 36.4, 44.3),
        ],
    ),
    (
        "WASHINGTON (Wire) - Senators returned to Capitol Hill on Monday to debate a spending bill. The governor "
        "of Texas flew to Austin after floods, while candidates campaigned in Ohio and Pennsylvania ahead of "
        "the vote. Protesters gathered in Chicago.",
        [
            ("Washington", 38.9, -77.04),
            ("Capitol Hill", 38.89, -77.0),
            ("Texas", 31.0, -99.0),
            ("Austin", 30.27, -97.74),
            ("Ohio", 40.4, -82.8),
            ("Pennsylvania", 40.9, -77.8),
            ("Chicago", 41.88, -87.63),
        ],
    ),
    (
        "BRUSSELS (Wire) - European Union leaders met in Brussels to discuss energy prices, as farmers blocked "
        "roads in Paris and Madrid. The German chancellor travelled on to Warsaw, and talks will resume in "
        "Vienna next month.",
        [
            ("Brussels", 50.85, 4.35),
            ("Paris", 48.86, 2.35),
            ("Madrid", 40.42, -3.7),
            ("Warsaw", 52.23, 21.01),
            ("Vienna", 48.21, 16.37),
        ],
    ),
    (
        "BOGOTA, Colombia (Wire) - Voters went to the polls on Sunday in a runoff, while neighbouring Venezuela "
        "closed its border near Cucuta. In Mexico City, officials met their Brazilian counterparts. Heavy rain "
        "flooded parts of Lima, Peru.",
        [
            ("Bogota", 4.71, -74.07),
            ("Colombia", 4.0, -72.0),
            ("Venezuela", 7.0, -66.0),
            ("Cucuta", 7.89, -72.5),
            ("Mexico City", 19.43, -99.13),
            ("Lima", -12.05, -77.04),
            ("Peru", -9.2, -75.0),
        ],
    ),
]


@pytest.fixture(scope="module")
def predictions(nlp: Language) -> list[list[Place]]:
    ctx = Context(Options())
    found: list[list[Place]] = []
    for text, _ in PARAGRAPHS:
        article = Article(source="geoparsing-set", text=text, published="2024-05-01")
        places.STAGE.run(nlp(text), article, ctx)
        found.append(article.places)
    return found


def recalled(gold: tuple[str, float, float], predicted: list[Place]) -> bool:
    name, lat, lon = gold
    return any(name_match(name, p.name) and km((lat, lon), (p.lat, p.lon)) <= MAX_KM for p in predicted)


def correct(place: Place, gold: Gold) -> bool:
    return any(km((lat, lon), (place.lat, place.lon)) <= MAX_KM for _, lat, lon in gold)


def misses(predictions: list[list[Place]]) -> tuple[list[str], list[str]]:
    """Gold names not recalled, and predicted places far from every gold place (for failure messages)."""
    missed = [
        g[0] for (_, gold), found in zip(PARAGRAPHS, predictions, strict=True) for g in gold if not recalled(g, found)
    ]
    wrong = [
        f"{p.name}->{p.canonical}({p.country})"
        for (_, gold), found in zip(PARAGRAPHS, predictions, strict=True)
        for p in found
        if not correct(p, gold)
    ]
    return missed, wrong


def test_set_is_well_formed() -> None:
    assert len(PARAGRAPHS) == 25
    for text, gold in PARAGRAPHS:
        for name, lat, lon in gold:
            assert name.lower() in text.lower(), name
            assert -90 <= lat <= 90 and -180 <= lon <= 180


def test_offsets_match_text(predictions: list[list[Place]]) -> None:
    for (text, _), found in zip(PARAGRAPHS, predictions, strict=True):
        for place in found:
            assert text[place.start : place.end] == place.name


def test_recall_floor(predictions: list[list[Place]]) -> None:
    total = sum(len(gold) for _, gold in PARAGRAPHS)
    hits = sum(recalled(g, found) for (_, gold), found in zip(PARAGRAPHS, predictions, strict=True) for g in gold)
    assert hits / total >= RECALL_FLOOR, misses(predictions)[0]


def test_precision_floor(predictions: list[list[Place]]) -> None:
    found_all = [(p, gold) for (_, gold), found in zip(PARAGRAPHS, predictions, strict=True) for p in found]
    good = sum(correct(p, gold) for p, gold in found_all)
    assert found_all and good / len(found_all) >= PRECISION_FLOOR, misses(predictions)[1]
