"""Scenes: the incidents one article reports (what happened, where, when, to whom), each sentence joined to one;
and whether two scenes, of one article or of two, can be one incident."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable

from fieldbrief.link.claims.records import LOCATIVES, Scene, View, Window, parse_day, place_key
from fieldbrief.link.claims.sides import ArticleSides
from fieldbrief.model import Event, Place, TimeRef

BACKGROUND_DAYS = 30  # a happening dated this long before publication is background


class ArticleFrames(ArticleSides):
    """Builds one article's scenes (and, in FrameBuilder, its frames)."""

    def build_scenes(self) -> None:
        """Assign every sentence the article-local incident it reports (see the module docstring)."""
        lead: Scene | None = None
        last_in_paragraph: dict[int, Scene] = {}
        for view in self.views:
            scene = None
            background = False
            violent = False
            for event in view.events:
                if self._happening(event):
                    here = self._background(view, event)
                    joined = self._join(self._event_scene(view, event), here)
                    harm = self.lex.family(event.type) == "violence"
                    if not violent or harm:  # a sentence of harm reports the violence ("a stampede occurred when
                        scene, background, violent = joined, here, harm  # thousands surrounded an aid convoy")
            if scene is None:
                inherited = last_in_paragraph.get(view.paragraph) or lead
                scene = self._place_scene(view, inherited)
            if scene is None:
                continue
            view.scene = scene
            if not background:  # a past happening recalled ("killed in 2001") leads no sentence after it
                last_in_paragraph[view.paragraph] = scene
                lead = lead or scene
        fallback = lead or self._join(self._default_scene())
        for view in self.views:
            view.scene = view.scene or fallback

    def _background(self, view: View, event: Event) -> bool:
        """A happening dated only by year or month, or weeks before publication: background, not the news."""
        date = own_date(view, event)
        if date is None or not date.date_start:
            return False
        if date.precision in ("year", "month"):
            return True
        day = parse_day(date.date_start)
        return bool(day and self.published and (self.published - day).days > BACKGROUND_DAYS)

    def _happening(self, event: Event) -> bool:
        return event.type not in self.lex.discourse_types and event.status not in self.lex.unasserted_statuses

    def _new_scene(self) -> Scene:
        return Scene(f"{self.article.id}:{len(self.scenes)}", self.article.id, self.published)

    def _event_scene(self, view: View, event: Event) -> Scene:
        scene = self._new_scene()
        scene.family = self.lex.family(event.type)
        places = [event.place] if event.place is not None and event.place.country else []
        places += [p for p in view.places if p.feature != "country"]
        self._locate(scene, view, places)
        date = own_date(view, event)
        if date is not None and date.date_start:
            start, end = parse_day(date.date_start), parse_day(date.date_end or date.date_start)
            if start and end:
                scene.window = (start, max(start, end))
        for ref in (event.actor, event.target):
            side = self.side_of_code(ref.actor) if ref is not None else None
            if side:
                scene.participants.add(side)
        scene.facilities = self._facilities(view)
        return scene

    def _place_scene(self, view: View, inherited: Scene | None) -> Scene | None:
        """A sentence with no happening of its own: the inherited incident, unless it names another place."""
        places = [p for p in view.places if p.feature != "country" and place_key(p)]
        keys = {k for p in places if (k := place_key(p))}
        written = self._written_places(view)
        if inherited is not None and (not keys or keys & inherited.places or not inherited.places):
            if not inherited.places:  # what the incident's later sentences say of where it happened
                self._locate(inherited, view, places)
            else:
                inherited.names |= written
            return inherited
        if not keys and not written:
            return None
        scene = self._new_scene()
        scene.family = inherited.family if inherited is not None else None
        self._locate(scene, view, places)
        return self._join(scene)

    def _default_scene(self) -> Scene:
        scene = self._new_scene()
        counts = Counter(k for p in self.article.places if p.role != "associative" and (k := place_key(p)))
        if counts:
            key = counts.most_common(1)[0][0]
            place = next(p for p in self.article.places if place_key(p) == key)
            scene.places.add(key)
            scene.names.add(place.name.lower())
            scene.place_shown = place.name
            scene.country = place.country
            if place.lat is not None and place.lon is not None:
                scene.points.append((place.lat, place.lon))
        return scene

    def _locate(self, scene: Scene, view: View, places: Iterable[Place]) -> None:
        places = list(places)
        below = [p for p in places if p.feature != "country" and p.country]
        # a country only from where things happen: mentions of countries name speakers and sides as often
        scene.country = scene.country or (below[0].country if below else None)
        for place in places:
            key = place_key(place)
            if key:
                scene.places.add(key)
                if place.admin1:
                    scene.regions.add(f"{place.country}/{place.admin1}".lower())
                scene.names.add(place.name.lower())
                if place.canonical:
                    scene.names.add(place.canonical.lower())
                if place.lat is not None and place.lon is not None:
                    scene.points.append((place.lat, place.lon))
                scene.place_shown = scene.place_shown or place.name
        scene.names |= self._written_places(view)

    def _written_places(self, view: View) -> set[str]:
        """Capitalised names written where a place goes ("the town of Konna", "in Kutkai") that no stage resolved:
        they still name the same place in every article that writes them."""
        out = set()
        times = [(t.start, t.end) for t in view.times]
        for i in range(1, len(view.names)):
            name = view.names[i]
            if not name[:1].isupper() or view.words[i - 1] not in LOCATIVES or self.side_of_word(view.words[i]):
                continue
            if any(s <= view.offsets[i] < e for s, e in times) or any(
                view.offsets[i] == m.start and m.code for m, _ in view.mentions
            ):
                continue  # "on Monday", "of the Taliban"
            out.add(name.lower())
        return out

    def _facilities(self, view: View) -> set[str]:
        return self.lex.facilities.labels(view.words)

    def _join(self, scene: Scene, background: bool = False) -> Scene:
        """The article's earlier scene this one can be, or this one as a new scene of the article. A happening of
        the past joins only another of the same past."""
        scene.background = background
        for other in self.scenes:
            if other.background == background and scenes_agree(other, scene, same_article=True):
                other.places |= scene.places
                other.names |= scene.names
                other.points += scene.points
                other.participants |= scene.participants
                other.facilities |= scene.facilities
                other.family = other.family or scene.family
                other.window = other.window or scene.window
                other.country = other.country or scene.country
                other.place_shown = other.place_shown or scene.place_shown
                return other
        self.scenes.append(scene)
        return scene


def own_date(view: View, event: Event) -> TimeRef | None:
    """The date an event's own sentence gives it. Not one it takes from an earlier sentence of its paragraph (the
    scenes follow the paragraph themselves, and a year recalled before must not date what follows), nor
    "reported" (no expression dates it: only the publication date bounds it, the scene's `published`)."""
    date = event.date
    if date is None or date.precision == "reported":
        return None
    if date.start >= 0 and not view.start <= date.start < view.end:
        return None
    return date


def windows_meet(a: Window | None, b: Window | None, slack_days: int) -> bool:
    if a is None or b is None:
        return True
    slack = dt.timedelta(days=slack_days)
    return a[0] - slack <= b[1] and b[0] - slack <= a[1]


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


def places_agree(a: Scene, b: Scene, near_km: float = 40.0) -> bool | None:
    """True: one place; False: different places; None: nothing to tell (a side names none)."""
    if a.places and b.places:
        if a.places & b.places or a.places & b.regions or b.places & a.regions:
            return True  # one place, or a province and a place inside it ("North Darfur", "Zamzam camp")
        if a.points and b.points and min(km(p, q) for p in a.points for q in b.points) <= near_km:
            return True
        return bool(a.names & b.names)
    if a.names and b.names:
        return bool(a.names & b.names) or None
    return None


def scenes_agree(a: Scene, b: Scene, same_article: bool = False, slack_days: int = 3) -> bool:
    """Whether two scenes can be one incident: family, country, place, time and what was hit all compatible."""
    return scene_fit(a, b, same_article, slack_days) == "yes"


def scene_fit(a: Scene, b: Scene, same_article: bool = False, slack_days: int = 3) -> str:
    """ "no": different happenings (family, country, place or dates differ); "soft": nothing rules it out but they
    name different targets; "yes": one happening as far as the records tell."""
    if a.family and b.family and a.family != b.family:
        return "no"
    if a.country and b.country and a.country != b.country:
        return "no"
    place = places_agree(a, b)
    if place is False:
        return "no"
    if not windows_meet(a.window, b.window, slack_days):
        return "no"
    if (
        place is None
        and not same_article
        and not (a.participants & b.participants and a.family == b.family and a.family is not None)
    ):
        return "no"
    if a.facilities and b.facilities and not a.facilities & b.facilities:
        return "soft"
    return "yes"
