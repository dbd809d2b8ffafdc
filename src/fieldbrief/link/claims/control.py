"""Control and whereabouts frames: who holds a place, and where a named person is."""

from __future__ import annotations

from typing import Any

from fieldbrief.link.claims.records import POSSESSIVES, PRONOUNS, View, place_key
from fieldbrief.link.claims.slots import NEAR, FrameWriter
from fieldbrief.link.entities import Mention


class PlaceReader(FrameWriter):
    """The control and whereabouts slots of an article's sentences."""

    def _control(self, view: View) -> None:
        place = self._place_of(view)
        captured_people = {view.word_at(f.start) for f in view.figures if f.kind == "captured"}
        for i, j, label in self.lex.control.find(view.words):
            if any(j <= k <= j + 3 for k in captured_people):
                continue  # "captured 300 soldiers": people, not a place
            if label == "capture" and any(w in self.lex.control_denials for w in view.words[max(0, i - 8) : i]):
                label = "contest"  # "denied that Russian forces had seized the town": the town is fought over
            value = self._controller(view, i, j, label)
            if value is None:
                continue
            named = self._named_in_phrase(view, i, j)
            where = (f"?/{named.lower()}", named) if named else self._place_near(view, j) or place
            if where is None:
                continue
            side, who = value
            text = {"capture": f"captured by {who}", "hold": f"held by {who}"}.get(label, "still fought over")
            self._frame(
                view,
                "control",
                where[0],
                side,
                text,
                stance=label,
                start=view.offsets[i] if i < len(view.offsets) else view.start,
            )
            return

    def _place_near(self, view: View, j: int) -> tuple[str, str] | None:
        """The place a control phrase is about: the nearest named after it ("took control of the town of X")."""
        at = view.offsets[j] if j < len(view.offsets) else view.end
        after = sorted((p for p in view.places if p.start >= at and place_key(p)), key=lambda p: p.start)
        if after and after[0].start - at <= 60:
            return place_key(after[0]) or "", after[0].name
        written = [
            view.names[k]
            for k in range(j, min(j + 8, len(view.words)))
            if view.names[k][:1].isupper() and view.words[k] in self._written_places(view)
        ]
        return (f"?/{written[0].lower()}", written[0]) if written else None

    def _named_in_phrase(self, view: View, i: int, j: int) -> str | None:
        """A capitalised name inside a control phrase's wildcard ("denied that Novoselivka had fallen") that is no
        actor and no country: the place the phrase is about."""
        for k in range(i, j):
            name = view.names[k]
            if view.is_possessor(k):
                continue  # "denied Moscow's claims": who claims, not where
            if k == 0 and view.words[k] not in self._written_places(view):
                continue  # a sentence's first word is capitalised whatever it is ("Severe fighting is going on")
            if (
                name[:1].isupper()
                and not self.side_of_word(view.words[k])
                and not any(view.offsets[k] == m.start for m, _ in view.mentions)
            ):
                return name
        return None

    def _place_of(self, view: View) -> tuple[str, str] | None:
        places = [p for p in view.places if place_key(p)]
        if not places:
            places = [
                p
                for p in self.article.places
                if place_key(p) and p.name.lower() in (view.scene.names if view.scene else set())
            ]
        if places:
            return place_key(places[0]) or "", places[0].name
        written = sorted(self._written_places(view))
        if written:
            return f"?/{written[0]}", written[0].title()
        scene = view.scene
        if scene is not None and scene.places:
            return sorted(scene.places)[0], scene.place_shown or sorted(scene.places)[0]
        return None

    def _controller(self, view: View, i: int, j: int, label: str) -> tuple[str, str] | None:
        if label == "contest":
            return "contested", "nobody"
        actors = self.actors_between(view, max(0, i - NEAR), min(len(view.words), j + NEAR))
        before = [a for a in actors if a[0] < i]
        inside = [a for a in actors if i <= a[0] < j]
        after = [a for a in actors if a[0] >= j]
        country = view.scene.country if view.scene else None
        if label == "capture" and view.words[i] == "fall" and after:
            who: tuple[int, str, str] | None = after[0]
        elif inside:
            who = inside[0]
        elif label == "hold" and view.words[j - 1] == "of" and after:
            who = after[0]  # "in the hands of the military"
        else:
            who = before[-1] if before else None
        if who is None:
            nouns = view.words[j : j + 3] if view.words[i] == "fall" else view.words[max(0, i - 4) : i]
            if view.words[i] != "fall" and any(w in POSSESSIVES for w in nouns):
                # "the ministry said its forces had captured the town": the forces are the speaker's, not those
                # of the country the town is in
                return self._speaker_side(view)
            side = next((s for w in reversed(nouns) if (s := self.side_of_noun(w, country))), None)
            if side is None:
                spoken = self._speaker_side(view)
                return (spoken[0], spoken[1]) if spoken else None
            return side, side
        return who[1], who[2]

    # -- whereabouts of people

    def _whereabouts(self, view: View) -> None:
        persons = [(m, eid) for m, eid in view.mentions if (e := self.entities.get(eid)) and e.kind == "person"]
        for i, j, label in self.lex.whereabouts.find(view.words):
            who = self._person_before(view, persons, i)
            if who is None:
                continue
            eid, name = who
            end = view.offsets[j] if j < len(view.offsets) else view.end
            after = [p for p in view.places if end - 1 <= p.start <= end + 12]  # right after the phrase
            dest = (
                after[0]
                if after
                and (
                    label == "presence"
                    or view.words[j - 1] in {"to", "for", "in"}
                    or view.words[i] in self.lex.departure_verbs
                )
                else None
            )
            if label == "departure" or (
                dest is not None and dest.feature == "country" and view.words[i] in self.lex.departure_verbs
            ):
                value: tuple[Any, ...] = ("abroad", dest.country if dest is not None else None)
                shown = "left the country" + (
                    f" (to {dest.name})" if dest is not None and dest.feature == "country" else ""
                )
            elif dest is not None:
                value = ("at", place_key(dest) or dest.name.lower(), dest.lat, dest.lon, dest.country)
                shown = f"in {dest.canonical or dest.name}"
            else:
                continue
            self._frame(view, "whereabouts", eid, value, shown, start=view.offsets[i])
            self._last_person = (eid, name)

    def _person_before(self, view: View, persons: list[tuple[Mention, str]], i: int) -> tuple[str, str] | None:
        at = view.offsets[i] if i < len(view.offsets) else view.end
        before = [(m, eid) for m, eid in persons if m.start < at]
        if before:
            m, eid = before[-1]
            return eid, m.text
        if any(w in PRONOUNS for w in view.words[max(0, i - 3) : i]) or (
            view.subject is not None
            and any(w in PRONOUNS for w in self.article.text[view.subject[0] : view.subject[1]].lower().split())
        ):
            return self._recent_person(view)
        return None

    def _recent_person(self, view: View) -> tuple[str, str] | None:
        for other in reversed([v for v in self.views if v.start <= view.start]):
            for _, eid in reversed(other.mentions):
                entity = self.entities.get(eid)
                if entity is not None and entity.kind == "person":
                    return eid, entity.name
        return None

    # -- everything else a sentence states
