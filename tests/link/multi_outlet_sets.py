"""Multi-outlet sets for the linker: 42 disagreements of every dispute type and 22 look-alikes that are none.

Every report here is FICTIONAL: invented incidents, people, groups and outlets, written for these tests in the
style of real reporting (datelines, wire credits, "officials said", ministry statements, tolls that change over a
day, denials). Real town names are used only so that the gazetteer can place them; the years are in the future so
that nothing here can be mistaken for a report of a real incident.

A `Disagreement` names the dispute it holds (the disputed slot of one incident) and the two positions: the outlets
on each side, or for one outlet quoting both sides, a word of each side's value. A `LookAlike` is a set that must
produce no contested claim at all: copies of one report, spun copies, one source updating its toll, the same words
with the roles reversed, different incidents on the same day.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Report = tuple[str, str, str]  # (outlet, published, text)


@dataclass(frozen=True)
class Disagreement:
    dispute: str  # toll | attackers | weapon | perpetrator | victims | control | whereabouts | occurrence
    reports: tuple[Report, ...]
    one: frozenset[str] = frozenset()  # outlets on one side (empty: tell the sides by their values)
    other: frozenset[str] = frozenset()
    values: tuple[str, str] | None = None  # a word of each side's value, as the members' values show it


@dataclass(frozen=True)
class LookAlike:
    kind: str  # copy | spun copy | update | opposite roles | different incidents
    reports: tuple[Report, ...]
    origins: int | None = None  # how many independent origins the set holds, when the point is copies
    never_together: tuple[tuple[str, str], ...] = field(default=())  # outlets no corroborated claim may join


def _d(
    dispute: str,
    reports: list[Report],
    one: set[str] | None = None,
    other: set[str] | None = None,
    values: tuple[str, str] | None = None,
) -> Disagreement:
    return Disagreement(dispute, tuple(reports), frozenset(one or ()), frozenset(other or ()), values)


DISAGREEMENTS: dict[str, Disagreement] = {
    # ------------------------------------------------------------------------------------------- tolls
    "toll: a district official against a resistance spokesman": _d(
        "toll",
        [
            (
                "Ajax Wire",
                "2034-03-02",
                "KUNDUZ, Afghanistan, March 2 (Reuters) - Seven people were killed when "
                "fighters attacked a police post in Kunduz on Sunday, a district official told Reuters.",
            ),
            (
                "Borea News",
                "2034-03-02",
                "A resistance spokesman said 30 people were killed in the attack on the "
                "police post in Kunduz on Sunday, most of them policemen.",
            ),
        ],
        {"Ajax Wire"},
        {"Borea News"},
        ("7", "30"),
    ),
    "toll: a floor against a smaller count": _d(
        "toll",
        [
            (
                "Corvo Times",
                "2034-03-05",
                "At least 50 people were killed when a missile hit a railway station in "
                "Kramatorsk on Wednesday, the regional governor said.",
            ),
            (
                "Delta Report",
                "2034-03-05",
                "The missile strike on the railway station in Kramatorsk on Wednesday "
                "killed 12 people, according to the city's mayor.",
            ),
        ],
        {"Corvo Times"},
        {"Delta Report"},
        ("50", "12"),
    ),
    "toll: more than 200 against about 60": _d(
        "toll",
        [
            (
                "Ember Post",
                "2034-04-11",
                "More than 200 people were killed when paramilitary fighters stormed the town "
                "of Mellit on Thursday, a coalition of local doctors said.",
            ),
            (
                "Fjord Daily",
                "2034-04-12",
                "About 60 people died in Thursday's fighting in Mellit, a spokesman for the "
                "state government said on Friday.",
            ),
        ],
        {"Ember Post"},
        {"Fjord Daily"},
        ("200", "60"),
    ),
    "toll: the wounded": _d(
        "toll",
        [
            (
                "Gale Wire",
                "2034-04-20",
                "Shelling of the central market in Nikopol on Monday wounded 40 people, the regional governor said.",
            ),
            (
                "Harbor News",
                "2034-04-20",
                "Doctors at the city hospital said 150 people were injured when shells hit "
                "the central market in Nikopol on Monday.",
            ),
        ],
        {"Gale Wire"},
        {"Harbor News"},
        ("40", "150"),
    ),
    "toll: prisoners taken": _d(
        "toll",
        [
            (
                "Iris Times",
                "2034-05-03",
                "The rebels said they captured 300 soldiers when they overran an army base "
                "outside Kyaukme on Saturday.",
            ),
            (
                "Jade Post",
                "2034-05-04",
                "A military spokesman said no more than 20 soldiers were taken prisoner at "
                "the base outside Kyaukme on Saturday, and that the rest had withdrawn in good order.",
            ),
        ],
        {"Iris Times"},
        {"Jade Post"},
        ("300", "20"),
    ),
    "toll: numbers written as words": _d(
        "toll",
        [
            (
                "Kite Wire",
                "2034-05-09",
                "Nine people died when a bomb exploded on a bus in Quetta on Tuesday, police said.",
            ),
            (
                "Lumen Daily",
                "2034-05-09",
                "Twenty-two passengers were killed in Tuesday's bus bombing in Quetta, a "
                "provincial health official said.",
            ),
        ],
        {"Kite Wire"},
        {"Lumen Daily"},
        ("9", "22"),
    ),
    "toll: dozens against three": _d(
        "toll",
        [
            (
                "Mira News",
                "2034-06-01",
                "Dozens of people were killed in an air strike on a gold mine near Hpakant on "
                "Friday, miners and a local rescue group said.",
            ),
            (
                "Nova Times",
                "2034-06-01",
                "State television said three people were killed in the air strike near "
                "Hpakant on Friday, all of them members of an armed group.",
            ),
        ],
        {"Mira News"},
        {"Nova Times"},
        ("dozens", "3"),
    ),
    "toll: hundreds against fewer than fifty": _d(
        "toll",
        [
            (
                "Orca Post",
                "2034-06-14",
                "Hundreds of people were killed when militants attacked the town of Djibo on "
                "Sunday, residents and aid workers said.",
            ),
            (
                "Pike Wire",
                "2034-06-15",
                "The government said fewer than 50 people were killed in the attack on Djibo "
                "on Sunday and that the army had restored order.",
            ),
        ],
        {"Orca Post"},
        {"Pike Wire"},
        ("hundreds", "50"),
    ),
    # ------------------------------------------------------------------------------------------- attackers
    "attackers: a dozen gunmen against more than a hundred fighters": _d(
        "attackers",
        [
            (
                "Quill News",
                "2034-07-02",
                "A dozen gunmen on motorbikes attacked the village of Gwoza on Monday, "
                "killing four farmers, police said.",
            ),
            (
                "Raven Daily",
                "2034-07-02",
                "More than 100 fighters stormed Gwoza on Monday, residents said, killing "
                "four farmers before the army arrived.",
            ),
        ],
        {"Quill News"},
        {"Raven Daily"},
        ("12", "100"),
    ),
    "attackers: five against about forty": _d(
        "attackers",
        [
            (
                "Sable Times",
                "2034-07-10",
                "Five attackers armed with rifles raided a hotel in Mogadishu on Wednesday "
                "and held guests hostage for hours, police said.",
            ),
            (
                "Tern Wire",
                "2034-07-10",
                "About 40 militants took part in the raid on the hotel in Mogadishu on "
                "Wednesday, a security official said.",
            ),
        ],
        {"Sable Times"},
        {"Tern Wire"},
        ("5", "40"),
    ),
    "attackers: two bombers against one": _d(
        "attackers",
        [
            (
                "Umber Post",
                "2034-07-18",
                "Two suicide bombers blew themselves up outside a mosque in Peshawar on "
                "Friday, killing 11 worshippers, police said.",
            ),
            (
                "Vale News",
                "2034-07-18",
                "A single suicide bomber carried out Friday's attack on the mosque in "
                "Peshawar, which killed 11 worshippers, a hospital official said.",
            ),
        ],
        {"Umber Post"},
        {"Vale News"},
        ("2", "1"),
    ),
    # ------------------------------------------------------------------------------------------- weapons
    "weapon: a drone against artillery": _d(
        "weapon",
        [
            (
                "Wren Daily",
                "2034-08-04",
                "A drone hit a bus in Kherson on Tuesday morning, killing two passengers, the "
                "regional administration said.",
            ),
            (
                "Xeno Times",
                "2034-08-04",
                "Artillery shells struck a bus in Kherson on Tuesday morning, killing two "
                "passengers, the city's mayor said.",
            ),
        ],
        {"Wren Daily"},
        {"Xeno Times"},
        ("drone", "artillery"),
    ),
    "weapon: a roadside bomb against an air strike": _d(
        "weapon",
        [
            (
                "Yarrow Post",
                "2034-08-09",
                "A roadside bomb destroyed a minibus near Baidoa on Sunday, killing eight "
                "people, a local official said.",
            ),
            (
                "Zinc Wire",
                "2034-08-09",
                "Residents said an air strike destroyed the minibus near Baidoa on Sunday, killing eight people.",
            ),
        ],
        {"Yarrow Post"},
        {"Zinc Wire"},
        ("bomb", "air strike"),
    ),
    "weapon: a ballistic missile against a glide bomb": _d(
        "weapon",
        [
            (
                "Aster News",
                "2034-08-16",
                "A ballistic missile struck an apartment block in Sumy on Friday, the Ukrainian air force said.",
            ),
            (
                "Birch Times",
                "2034-08-16",
                "The apartment block in Sumy was hit on Friday by a guided glide bomb "
                "dropped from a Russian jet, the regional governor said.",
            ),
        ],
        {"Aster News"},
        {"Birch Times"},
        ("missile", "bomb"),
    ),
    # ------------------------------------------------------------------------------------------- perpetrators
    "perpetrator: a misfired rocket against an air strike": _d(
        "perpetrator",
        [
            (
                "Cedar Post",
                "2034-09-01",
                "An Israeli air strike hit the courtyard of a clinic in Deir al-Balah on "
                "Monday night, killing 14 people, the Gaza health ministry said.",
            ),
            (
                "Dune Wire",
                "2034-09-02",
                "The Israeli military said the blast at the clinic in Deir al-Balah on Monday "
                "night was caused by a misfired rocket launched by Islamic Jihad.",
            ),
        ],
        {"Cedar Post"},
        {"Dune Wire"},
    ),
    "perpetrator: each side blames the other for shelling a market": _d(
        "perpetrator",
        [
            (
                "Elm Daily",
                "2034-09-05",
                "The army said RSF artillery shelled the livestock market in Omdurman on Thursday, killing 19 people.",
            ),
            (
                "Fern News",
                "2034-09-05",
                "The RSF said the army's own guns hit the livestock market in Omdurman on "
                "Thursday and denied firing on the city.",
            ),
        ],
        {"Elm Daily"},
        {"Fern News"},
    ),
    "perpetrator: a massacre blamed on rebels and on the army": _d(
        "perpetrator",
        [
            (
                "Gorse Times",
                "2034-09-12",
                "The government accused rebels of killing 25 villagers in Rutshuru on Saturday.",
            ),
            (
                "Hazel Wire",
                "2034-09-13",
                "The M23 rebels said soldiers and allied militiamen killed the villagers in "
                "Rutshuru on Saturday, and denied any role in the killings.",
            ),
        ],
        {"Gorse Times"},
        {"Hazel Wire"},
    ),
    "perpetrator: whose missile fell on the village": _d(
        "perpetrator",
        [
            (
                "Ivy Post",
                "2034-10-03",
                "A Russian missile struck a farm in the village of Velykyi Burluk on Sunday, "
                "killing two men, Ukrainian officials said.",
            ),
            (
                "Juniper News",
                "2034-10-04",
                "Russia's defence ministry said the blast on the farm in Velykyi Burluk was "
                "caused by a Ukrainian air defence missile.",
            ),
        ],
        {"Ivy Post"},
        {"Juniper News"},
    ),
    "perpetrator: a claim of responsibility against the police's suspect": _d(
        "perpetrator",
        [
            (
                "Kelp Times",
                "2034-10-08",
                "The Sahel Liberation Front claimed responsibility for the attack on the "
                "army convoy near Menaka on Tuesday.",
            ),
            (
                "Larch Post",
                "2034-10-09",
                "Malian police said the Azawad Defence Group was behind Tuesday's attack on "
                "the army convoy near Menaka.",
            ),
        ],
        {"Kelp Times"},
        {"Larch Post"},
    ),
    "perpetrator: mercenaries against the army": _d(
        "perpetrator",
        [
            (
                "Moss Wire",
                "2034-10-15",
                "Residents said Russian mercenaries killed dozens of men in the village of Tessalit on Friday.",
            ),
            (
                "Nettle Daily",
                "2034-10-16",
                "The Malian army said its soldiers killed the men in Tessalit on Friday "
                "during an operation against jihadists.",
            ),
        ],
        {"Moss Wire"},
        {"Nettle Daily"},
    ),
    # ------------------------------------------------------------------------------------------- victims
    "victims: civilians against militants": _d(
        "victims",
        [
            (
                "Oak News",
                "2034-11-02",
                "An air strike on a wedding party in Marib on Saturday killed 30 civilians, "
                "including children, local officials said.",
            ),
            (
                "Pine Times",
                "2034-11-02",
                "The coalition said its air strike in Marib on Saturday killed 30 militants "
                "who had gathered to plan attacks.",
            ),
        ],
        {"Oak News"},
        {"Pine Times"},
        ("civilians", "militants"),
    ),
    "victims: patients against fighters": _d(
        "victims",
        [
            (
                "Quince Post",
                "2034-11-06",
                "Six patients were killed when troops raided the hospital in Jenin on "
                "Wednesday, the Palestinian health ministry said.",
            ),
            (
                "Rowan Wire",
                "2034-11-06",
                "The Israeli military said the six people killed in the hospital in Jenin on "
                "Wednesday were gunmen who had fired on troops.",
            ),
        ],
        {"Quince Post"},
        {"Rowan Wire"},
        ("patients", "gunmen"),
    ),
    "victims: journalists against operatives": _d(
        "victims",
        [
            (
                "Sage Daily",
                "2034-11-13",
                "Two journalists were killed by a drone strike on their car in Khan Younis on "
                "Monday, their news agency said.",
            ),
            (
                "Teak News",
                "2034-11-14",
                "The military said the two men killed in the car in Khan Younis on Monday "
                "were militants operating a drone.",
            ),
        ],
        {"Sage Daily"},
        {"Teak News"},
        ("journalists", "militants"),
    ),
    "victims: farmers against insurgents": _d(
        "victims",
        [
            (
                "Ulmus Times",
                "2034-11-20",
                "Soldiers shot dead 11 farmers in their fields near Diffa on Tuesday, relatives said.",
            ),
            (
                "Vetch Post",
                "2034-11-20",
                "The army said the 11 people killed near Diffa on Tuesday were insurgents who had attacked a patrol.",
            ),
        ],
        {"Ulmus Times"},
        {"Vetch Post"},
        ("farmers", "insurgents"),
    ),
    # ------------------------------------------------------------------------------------------- control
    "control: who retook the districts": _d(
        "control",
        [
            (
                "Willow Wire",
                "2034-12-01",
                "The resistance retook three districts of Baghlan province on Monday, its spokesman said.",
            ),
            (
                "Yew Daily",
                "2034-12-01",
                "The Taliban retook three districts of Baghlan province on Monday, a Taliban spokesman said.",
            ),
        ],
        {"Willow Wire"},
        {"Yew Daily"},
    ),
    "control: a town captured and still held": _d(
        "control",
        [
            (
                "Zest News",
                "2035-01-04",
                "Russian forces captured the town of Chasiv Yar on Thursday, the Russian defence ministry said.",
            ),
            (
                "Amber Times",
                "2035-01-05",
                "Ukraine's army said on Friday that Chasiv Yar remains under Ukrainian "
                "control and that fighting continues on its eastern edge.",
            ),
        ],
        {"Zest News"},
        {"Amber Times"},
    ),
    "control: a base seized and said to be held": _d(
        "control",
        [
            (
                "Basil Wire",
                "2035-01-10",
                "The RSF seized the army's main base in Babanusa on Monday, the paramilitary "
                "group said in a statement.",
            ),
            (
                "Clove Daily",
                "2035-01-10",
                "The army said its base in Babanusa was still under its full control on "
                "Monday and that the RSF assault had been repelled.",
            ),
        ],
        {"Basil Wire"},
        {"Clove Daily"},
    ),
    "control: rebels and junta each say they hold the town": _d(
        "control",
        [
            (
                "Dill News",
                "2035-01-15",
                "The Arakan Army said its fighters had taken control of Kyaukme on Sunday after two weeks of fighting.",
            ),
            (
                "Endive Post",
                "2035-01-15",
                "State media said on Sunday that Kyaukme was firmly in the hands of the "
                "military and that the town was calm.",
            ),
        ],
        {"Dill News"},
        {"Endive Post"},
    ),
    "control: a town fallen and an attack repelled": _d(
        "control",
        [
            (
                "Fennel Times",
                "2035-01-22",
                "The town of Konna fell to militants on Wednesday after the army withdrew, residents said.",
            ),
            (
                "Ginger Wire",
                "2035-01-22",
                "The army repelled an attack on Konna on Wednesday, a military spokesman "
                "said, adding that troops remained in the town.",
            ),
        ],
        {"Fennel Times"},
        {"Ginger Wire"},
    ),
    # ------------------------------------------------------------------------------------------- whereabouts
    "whereabouts: fled abroad against still in the capital": _d(
        "whereabouts",
        [
            (
                "Hops Daily",
                "2035-02-02",
                "President Omar Selassie fled the country on Sunday as rebels closed in on "
                "the capital, two diplomats said.",
            ),
            (
                "Indigo News",
                "2035-02-02",
                "A presidential spokesman said on Sunday that Omar Selassie is in Khartoum "
                "and is running the government.",
            ),
        ],
        {"Hops Daily"},
        {"Indigo News"},
    ),
    "whereabouts: two cities far apart": _d(
        "whereabouts",
        [
            (
                "Jasmine Post",
                "2035-02-07",
                "The rebel commander Yusuf Adan is hiding in Kismayo, a regional security official said on Tuesday.",
            ),
            (
                "Kale Wire",
                "2035-02-07",
                "Yusuf Adan arrived in Mogadishu on Tuesday for talks with the government, his aides said.",
            ),
        ],
        {"Jasmine Post"},
        {"Kale Wire"},
    ),
    "whereabouts: a minister said to be in Moscow and at home": _d(
        "whereabouts",
        [
            (
                "Lilac Times",
                "2035-02-12",
                "Defence minister Karim Haddad is in Moscow, two people familiar with his "
                "travel told the paper on Thursday.",
            ),
            (
                "Mint Daily",
                "2035-02-12",
                "Karim Haddad remains in Damascus and chaired a meeting of army commanders "
                "on Thursday, the defence ministry said.",
            ),
        ],
        {"Lilac Times"},
        {"Mint Daily"},
    ),
    "whereabouts: a detained leader said to be free": _d(
        "whereabouts",
        [
            (
                "Neem News",
                "2035-02-18",
                "Opposition leader Aung Kyaw is being held in Insein prison in Yangon, a "
                "prison official said on Monday.",
            ),
            ("Olive Post", "2035-02-18", "Aung Kyaw fled to Thailand on Monday, his party said."),
        ],
        {"Neem News"},
        {"Olive Post"},
    ),
    # ------------------------------------------------------------------------------------------- occurrence
    "occurrence: reports that troops shelled the town are false": _d(
        "occurrence",
        [
            ("Poppy Wire", "2035-03-01", "Government troops shelled the town of Kadugli on Saturday, residents said."),
            ("Quinoa Daily", "2035-03-02", "The army said reports that its troops had shelled Kadugli were false."),
        ],
        {"Poppy Wire"},
        {"Quinoa Daily"},
    ),
    "occurrence: a strike on a hospital denied": _d(
        "occurrence",
        [
            ("Rue News", "2035-03-06", "Residents said jets bombed the hospital in Kadugli on Tuesday."),
            (
                "Saffron Times",
                "2035-03-06",
                "The air force denied bombing the hospital in Kadugli and said no aircraft "
                "had flown over the town on Tuesday.",
            ),
        ],
        {"Rue News"},
        {"Saffron Times"},
    ),
    "occurrence: air strikes on a village denied": _d(
        "occurrence",
        [
            (
                "Tansy Post",
                "2035-03-11",
                "Air strikes hit the village of Kutkai on Thursday, destroying a school, villagers said.",
            ),
            ("Umbel Wire", "2035-03-11", "The military denied carrying out air strikes on Kutkai on Thursday."),
        ],
        {"Tansy Post"},
        {"Umbel Wire"},
    ),
    "occurrence: there was no massacre": _d(
        "occurrence",
        [
            (
                "Valerian Daily",
                "2035-03-15",
                "Gunmen killed 40 people in the village of Damboa on Sunday, survivors said.",
            ),
            (
                "Wasabi News",
                "2035-03-16",
                "The state governor said there was no massacre in Damboa on Sunday and that "
                "the reports were meant to spread fear.",
            ),
        ],
        {"Valerian Daily"},
        {"Wasabi News"},
    ),
    "occurrence: an abduction denied": _d(
        "occurrence",
        [
            (
                "Yarrow Times",
                "2035-03-20",
                "Gunmen abducted 50 schoolgirls from a boarding school in Jos on Friday, police said.",
            ),
            (
                "Zedoary Post",
                "2035-03-21",
                "The state government denied that any pupils had been abducted in Jos, "
                "saying all of them were accounted for.",
            ),
        ],
        {"Yarrow Times"},
        {"Zedoary Post"},
    ),
    "occurrence: a truce violation called fabricated": _d(
        "occurrence",
        [
            (
                "Alder Wire",
                "2035-03-25",
                "Militias attacked army positions near Idlib on Monday in violation of the "
                "ceasefire, the defence ministry said.",
            ),
            (
                "Beech Daily",
                "2035-03-25",
                "The militias said no attack on army positions near Idlib had taken place on "
                "Monday, calling the reports fabricated.",
            ),
        ],
        {"Alder Wire"},
        {"Beech Daily"},
    ),
    # ------------------------------------------------------------------------------------------- one sentence
    "competing figures in one sentence: ministry and civil defence": _d(
        "toll",
        [
            (
                "Cypress News",
                "2035-04-02",
                "An air strike hit a school sheltering displaced families in Jabalia on "
                "Tuesday. The health ministry said 500 people were killed, while the civil defence put the toll "
                "at 300.",
            ),
        ],
        values=("500", "300"),
    ),
    "competing figures in one sentence: police and the hospital": _d(
        "toll",
        [
            (
                "Dogwood Times",
                "2035-04-06",
                "A car bomb exploded near a bus station in Kirkuk on Saturday. Police said "
                "12 people died, but hospital officials said 19 were killed.",
            ),
        ],
        values=("12", "19"),
    ),
    "competing figures in one sentence: local officials and the governor": _d(
        "toll",
        [
            (
                "Elder Post",
                "2035-04-10",
                "Local officials counted 45 dead after militants attacked the market in "
                "Maiduguri on Friday, but the state governor said only 17 people were killed.",
            ),
        ],
        values=("45", "17"),
    ),
}

# Three outlets print one wire story; the set is one origin and corroborates nothing.
_WIRE = (
    "KHERSON, Ukraine (AP) — Russian shelling killed three people and wounded 11 in the southern city of Kherson "
    "on Monday, the regional governor said. The shells hit a bus stop and a pharmacy in the city centre, he said. "
    "Kherson, which Ukrainian forces retook two years ago, is shelled almost daily from the eastern bank of the "
    "Dnipro River."
)
_BRIEF = (
    "Militants attacked an army checkpoint near the town of Menaka on Friday, killing four soldiers, the army said "
    "in a statement. Three attackers were killed in the exchange of fire, it said, and a search for the others was "
    "under way in the surrounding hills."
)
_BRIEF_REWORDED = (
    "Militants attacked a military checkpoint close to the town of Menaka on Friday, killing four soldiers, the army "
    "said in a statement. Three of the attackers were killed in the exchange of fire, the army said, and a search "
    "for the rest was under way in the nearby hills."
)
_TABLOID = (
    "HEROIC medics dragged wounded children from the rubble after a missile tore through a playground in "
    "Zaporizhzhia on Saturday. Five youngsters were killed and 18 hurt, regional governor Ivan Petrenko said. "
    '"This is a crime against children," he said. Mothers screamed as rescuers pulled bodies from the twisted '
    "swings."
)
_TABLOID_SPUN = (
    "Brave medics pulled injured children out of the rubble when a missile slammed into a playground in "
    "Zaporizhzhia on Saturday. Regional governor Ivan Petrenko said five youngsters were killed and 18 hurt. "
    '"This is a crime against children," he said. Rescuers pulled bodies from the twisted swings as mothers '
    "screamed."
)
_BACKGROUND = (
    "The paramilitary Rapid Support Forces have been fighting the army since April 2033 in a war that has killed "
    "tens of thousands of people and driven millions from their homes, according to the United Nations."
)

LOOK_ALIKES: dict[str, LookAlike] = {
    # ------------------------------------------------------------------------------------------- copies
    "copy: one AP story in three outlets": LookAlike(
        "copy",
        (
            ("Associated Wire", "2034-03-10", _WIRE),
            ("Fictional Herald", "2034-03-10", _WIRE + "\n\nRead more stories from our Ukraine desk."),
            ("Fictional Gazette", "2034-03-11", _WIRE.replace("(AP)", "").replace("Monday", "Monday night")),
        ),
        origins=1,
    ),
    "copy: a lightly reworded wire brief": LookAlike(
        "copy",
        (
            ("Gannet Wire", "2034-04-01", _BRIEF),
            ("Heron Daily", "2034-04-01", _BRIEF_REWORDED),
        ),
        origins=1,
    ),
    "copy: an outlet repeating its own paragraph": LookAlike(
        "copy",
        (
            (
                "Ibis Times",
                "2034-04-03",
                "Shelling killed two people in Omdurman on Tuesday, medics said.\n\n" + _BACKGROUND,
            ),
            (
                "Ibis Times",
                "2034-04-05",
                "The army said it had retaken a bridge north of Khartoum on Thursday.\n\n" + _BACKGROUND,
            ),
        ),
        never_together=(("Ibis Times", "Ibis Times"),),
    ),
    "copy: a Reuters story under two outlets' bylines": LookAlike(
        "copy",
        (
            (
                "Jacana News",
                "2034-04-07",
                "Gunmen killed six miners at a gold mine near Djibo on Sunday, security "
                "sources said. The attackers burned the miners' equipment and fled on motorbikes toward the border, "
                "the "
                "sources said. - Reuters",
            ),
            (
                "Kestrel Post",
                "2034-04-07",
                "DJIBO, Burkina Faso (Reuters) - Gunmen killed six miners at a gold mine near "
                "Djibo on Sunday, security sources said. The attackers burned the miners' equipment and fled on "
                "motorbikes "
                "toward the border, the sources said.",
            ),
        ),
        origins=1,
    ),
    "copy: an outlet retelling what AFP reported": LookAlike(
        "copy",
        (
            (
                "Agence Wire",
                "2034-04-09",
                "Soldiers killed 14 suspected insurgents in a raid on a camp near Diffa on "
                "Wednesday, the army said. (AFP)",
            ),
            (
                "Lark Daily",
                "2034-04-10",
                "Soldiers killed 14 suspected insurgents near Diffa on Wednesday, AFP reported, citing the army.",
            ),
        ),
        never_together=(("Agence Wire", "Lark Daily"),),
    ),
    "copy: the Associated Press contributed": LookAlike(
        "copy",
        (
            (
                "Associated Press",
                "2034-04-12",
                "An Israeli strike killed 9 people in a house in Rafah on Thursday, hospital officials said.",
            ),
            (
                "Magpie Times",
                "2034-04-12",
                "Nine people were killed when an Israeli strike hit a house in Rafah on "
                "Thursday, hospital officials said.\n\nThe Associated Press contributed to this report.",
            ),
        ),
        never_together=(("Associated Press", "Magpie Times"),),
    ),
    "copy: two outlets quoting one ministry statement": LookAlike(
        "copy",
        (
            (
                "Nightjar News",
                "2034-04-14",
                "The defence ministry said its forces shot down 20 drones over the Kursk region overnight.",
            ),
            (
                "Osprey Times",
                "2034-04-14",
                "Russian air defences destroyed 20 drones over the Kursk region overnight, the defence ministry said.",
            ),
        ),
        never_together=(("Nightjar News", "Osprey Times"),),
    ),
    # ------------------------------------------------------------------------------------------- spun copies
    "spun copy: two rewrites of one tabloid story": LookAlike(
        "spun copy",
        (
            ("Daily Klaxon", "2034-05-02", _TABLOID),
            ("Sunday Bugle", "2034-05-02", _TABLOID_SPUN),
        ),
        origins=1,
    ),
    "spun copy: a rewrite with a new first sentence": LookAlike(
        "spun copy",
        (
            (
                "Plover Post",
                "2034-05-06",
                "Rebels shot down a military helicopter near Myitkyina on Tuesday, killing "
                "its crew of four, a rebel spokesman said. The helicopter had been attacking villages along the river, "
                "he said. The military did not respond to requests for comment.",
            ),
            (
                "Quail Daily",
                "2034-05-06",
                "Four crew members died on Tuesday when rebels brought down a military "
                "helicopter near Myitkyina, a rebel spokesman said. The helicopter had been attacking villages along "
                "the "
                "river, he said. The military did not respond to requests for comment.",
            ),
        ),
        origins=1,
    ),
    # ------------------------------------------------------------------------------------------- toll updates
    "update: one ministry's toll rising through the day": LookAlike(
        "update",
        (
            (
                "Robin Wire",
                "2034-06-02",
                "An Israeli strike on a school in Gaza City killed 20 people on Tuesday, the health ministry said.",
            ),
            (
                "Swift News",
                "2034-06-02",
                "The death toll from Tuesday's strike on a school in Gaza City rose to 35, the health ministry said.",
            ),
        ),
    ),
    "update: one outlet's toll the next day": LookAlike(
        "update",
        (
            (
                "Thrush Times",
                "2034-06-05",
                "A landslide at a jade mine near Hpakant on Sunday killed 12 miners, rescuers said.",
            ),
            (
                "Thrush Times",
                "2034-06-06",
                "Rescuers at the jade mine near Hpakant said 27 miners were killed in Sunday's landslide.",
            ),
        ),
    ),
    "update: a wire revising its own toll": LookAlike(
        "update",
        (
            (
                "Associated Wire",
                "2034-06-09",
                "Gunmen killed 144 people at a concert hall in Novosibirsk on Friday, Russian officials said.",
            ),
            (
                "Associated Wire",
                "2034-06-10",
                "Gunmen killed 145 people at a concert hall in Novosibirsk on Friday, "
                "Russian officials said, after a child died of her wounds.",
            ),
        ),
    ),
    "update: a later toll from the same ministry": LookAlike(
        "update",
        (
            (
                "Vireo Post",
                "2034-06-12",
                "The health ministry said 30 people were killed in an air strike on a market in Nyala on Saturday.",
            ),
            (
                "Warbler Daily",
                "2034-06-13",
                "The toll from Saturday's air strike on a market in Nyala has risen to 50, "
                "the health ministry said on Sunday.",
            ),
        ),
    ),
    # ------------------------------------------------------------------------------------------- opposite roles
    "opposite roles: who shelled whom": LookAlike(
        "opposite roles",
        (
            (
                "Wagtail Times",
                "2034-07-03",
                "Rebels shelled army positions near Kyaukme on Wednesday, the rebels said.",
            ),
            (
                "Yellowhammer Post",
                "2034-07-03",
                "The army shelled rebel positions near Kyaukme on Wednesday, the army said.",
            ),
        ),
        never_together=(("Wagtail Times", "Yellowhammer Post"),),
    ),
    "opposite roles: prisoners released by each side": LookAlike(
        "opposite roles",
        (
            ("Avocet News", "2034-07-08", "The army released 20 rebel prisoners in Kadugli on Friday, mediators said."),
            (
                "Bittern Wire",
                "2034-07-08",
                "The rebels released 20 army prisoners in Kadugli on Friday, mediators said.",
            ),
        ),
        never_together=(("Avocet News", "Bittern Wire"),),
    ),
    "opposite roles: who killed thirty fighters": LookAlike(
        "opposite roles",
        (
            (
                "Crane Daily",
                "2034-07-12",
                "The resistance killed 30 Taliban fighters in the Andarab valley on "
                "Sunday, a resistance spokesman said.",
            ),
            (
                "Dunlin Post",
                "2034-07-12",
                "The Taliban killed 30 resistance fighters in the Andarab valley on Sunday, a Taliban spokesman said.",
            ),
        ),
        never_together=(("Crane Daily", "Dunlin Post"),),
    ),
    # ------------------------------------------------------------------------------------------- other incidents
    "different incidents: two towns on one day": LookAlike(
        "different incidents",
        (
            (
                "Egret Times",
                "2034-08-02",
                "A missile strike killed 6 people in Sumy on Tuesday, the regional governor said.",
            ),
            (
                "Finch News",
                "2034-08-02",
                "A missile strike killed 14 people in Kramatorsk on Tuesday, the regional governor said.",
            ),
        ),
    ),
    "different incidents: a market and a checkpoint in one town": LookAlike(
        "different incidents",
        (
            (
                "Godwit Wire",
                "2034-08-05",
                "A car bomb at the vegetable market in Baidoa killed five people on Wednesday, police said.",
            ),
            (
                "Hobby Post",
                "2034-08-05",
                "A drone strike on an army checkpoint in Baidoa killed two soldiers on "
                "Wednesday, a military official said.",
            ),
        ),
    ),
    "different incidents: one day in two countries": LookAlike(
        "different incidents",
        (
            ("Jay Daily", "2034-08-08", "An air strike on a market in Taiz killed 12 people on Saturday, medics said."),
            (
                "Kite Post",
                "2034-08-08",
                "An air strike on a market in El Obeid killed 40 people on Saturday, medics said.",
            ),
        ),
    ),
    "different incidents: killed and captured": LookAlike(
        "different incidents",
        (
            (
                "Linnet Wire",
                "2034-08-11",
                "Rebels killed 8 soldiers in an ambush near Lashio on Monday, a rebel spokesman said.",
            ),
            (
                "Merlin Times",
                "2034-08-11",
                "Rebels captured 35 soldiers near Lashio on Monday, a rebel spokesman said.",
            ),
        ),
    ),
    "different incidents: a protest and a bombing in one city": LookAlike(
        "different incidents",
        (
            (
                "Nuthatch News",
                "2034-08-14",
                "Thousands of people protested in Peshawar on Friday against rising fuel prices, police said.",
            ),
            ("Oriole Daily", "2034-08-14", "A bomb killed three policemen in Peshawar on Friday, officials said."),
        ),
    ),
    "different incidents: a war's total beside a day's toll": LookAlike(
        "different incidents",
        (
            ("Petrel Post", "2034-08-17", "Shelling killed 12 people in El Fasher on Thursday, medics said."),
            (
                "Redstart Wire",
                "2034-08-17",
                "Shelling killed 12 people in El Fasher on Thursday, medics said. More "
                "than 1,200 people have been killed in the city since May, according to the United Nations.",
            ),
        ),
    ),
}
