"""Perpetrator frames: who did it, from claims of responsibility, blames, causes that name a party, and denials."""

from __future__ import annotations

from fieldbrief.link.claims.records import View, Voice
from fieldbrief.link.claims.slots import HARM_WORDS, NEAR, FrameWriter


class BlameReader(FrameWriter):
    """The perpetrator slot of an article's sentences."""

    def _perpetrators(self, view: View) -> None:
        found: set[str] = set()
        matches = list(self.lex.responsibility.find(view.words))
        denied = [(i, j) for i, j, label in matches if label == "deny"]
        for i, j, label in matches:
            if label == "own" and any(di <= i <= dj for di, dj in denied):
                continue  # "denies carrying out the attack" owns nothing
            if any(w in self.lex.hedges for w in view.names[max(0, i - 3) : i]):  # as written: "May 25" is no modal
                continue  # "could have been fired by Putin's forces" asserts no one's part
            side_shown = self._responsible(view, i, j, label)
            if side_shown is None:
                continue
            value, shown = side_shown
            if value in found:
                continue
            found.add(value)
            claimant = self._claimant(view, i) if label in ("blame", "cause") else None
            self._frame(
                view,
                "perpetrator",
                "perpetrator",
                value,
                shown,
                start=view.offsets[i] if i < len(view.offsets) else view.start,
                cause=" ".join(view.words[i:j]) if label == "cause" else None,
                voice=claimant,  # None: the sentence's own
                speaker=claimant.shown if claimant else None,
            )
        subject = (
            view.subject
            if view.predicate in self.lex.violent_predicates and not view.negated and not self._hedged_predicate(view)
            else None
        )
        if subject is not None:
            first, last = view.word_at(subject[0]), view.word_at(subject[1])
            owner = view.words[first] if first < len(view.words) else ""
            spoken = self._speaker_side(view) if owner in {"its", "our", "their"} else None
            if spoken is not None and spoken[0] not in found and f"not:{spoken[0]}" not in found:
                # "the army said its soldiers killed the men": the speaker owns the deed
                found.add(spoken[0])
                self._frame(view, "perpetrator", "perpetrator", spoken[0], spoken[1])
        for event in view.events:
            if event.type not in self.lex.violent_types or event.status in ("denied", "planned", "hedged"):
                continue
            side = self.side_of_code(event.actor.actor) if event.actor else None
            if side is None or side in found or any(v.endswith(side) for v in found):
                continue
            found.add(side)
            voice, speaker = self.voice_for(view, event.start)
            self._frame(
                view,
                "perpetrator",
                "perpetrator",
                side,
                event.actor.name if event.actor else side,
                voice=voice,
                speaker=speaker,
                weak=True,
                target=self.side_of_code(event.target.actor) if event.target else None,
            )
        if subject is not None and not any(not v.startswith("not:") for v in found):
            # the parse's subject of a violent main verb, where no event names one ("soldiers killed them")
            actors = self.actors_between(view, first, last)
            if actors:
                _, side, shown = actors[0]
                self._frame(view, "perpetrator", "perpetrator", side, shown, weak=True)

    def _claimant(self, view: View, i: int) -> Voice | None:
        """Whose claim a blame at word i reports when the sentence reports someone's claim ("refutes Russian claims
        that the theatre was demolished by Ukrainian forces"): the claimant's, not the sentence's speaker's."""
        words = view.words
        for k in range(i - 1, max(0, i - 10), -1):
            if words[k] == "that" and words[k - 1] in self.lex.claim_nouns:
                named = self.actors_between(view, max(0, k - 4), k - 1)
                if named:
                    _, side, shown = named[-1]
                    return Voice(f"body:{side}", shown, True)
                return None
        return None

    def _responsible(self, view: View, i: int, j: int, label: str) -> tuple[str, str] | None:
        actors = self.actors_between(view, max(0, i - NEAR), min(len(view.words), j + NEAR))
        before = [a for a in actors if a[0] < i]
        after = [a for a in actors if a[0] >= j]
        inside = [a for a in actors if i <= a[0] < j]
        speaker = self._speaker_side(view)
        if label == "own" and i > 0 and view.words[i - 1] == "be":  # "was carried out by X" names X after
            by = [a for a in after if a[0] > 0 and view.words[a[0] - 1] == "by"]
            return (by[0][1], by[0][2]) if by else None
        if label == "own":
            who = before[-1] if before else None
            if who is None and speaker is not None:  # "said it carried out the bombing"
                return speaker
            return (who[1], who[2]) if who else None
        if label == "deed":
            doer = [a for a in before if a[0] >= i - 3]
            return (doer[-1][1], doer[-1][2]) if doer else None
        if label == "blame":
            who = after[0] if after else None
            if who is None or self._blamed_for_something_else(view, who[0]) or self._bare_class(view, who[0]):
                return None
            return who[1], who[2]
        if label == "deny":
            named = [a for a in inside + after if a[0] <= j + 2]
            if named and "claim" in view.words[i:j]:  # "dismissed the Khorasan Front's claim"
                return f"not:{named[0][1]}", f"not {named[0][2]}"
            if "claim" in view.words[i : j + 3]:
                # "Ukraine rejected the claim", "refuting Kremlin claims": someone else's claim, whatever it was
                # about, not a denial of one's own part
                return None
            # who denies: the actor named right before the denial ("as the Kremlin continued to deny involvement"),
            # else the speaker ("the ministry said ... denied")
            close = [a for a in before if a[0] >= i - 5 and not a[1].startswith("name:")]
            denier = (close[-1][1], close[-1][2]) if close else speaker or (before[-1][1:] if before else None)
            return (f"not:{denier[0]}", f"not {denier[1]}") if denier else None
        # a cause: the actor it names, else the cause itself ("a stampede")
        # the party a cause names: right before or inside it ("Ukraine's air defence"), or owning what it names
        # right after it ("secondary explosions of Hamas munitions"); not whoever the sentence names next
        owner = [a for a in after[:1] if a[0] <= j + 3 and {"of", "from", "by"} & set(view.words[j : a[0]])]
        named_inside = [a for a in inside if not self.dictionary.generics.get(view.words[a[0]])]  # not "aircraft"
        near = [a for a in named_inside + before if a[0] >= i - 3] or owner
        if near:
            return near[-1][1], near[-1][2]
        phrase = " ".join(view.words[i:j])
        return f"cause:{phrase}", phrase

    def _bare_class(self, view: View, at: int) -> bool:
        """State forces with no side named before them ("hit by bullets from occupation forces", "shelled by
        tanks"): whose forces a blame means, the words do not say (they are rarely the incident country's own).
        Other classes keep their side ("accused rebels of killing villagers")."""
        word = view.words[at] if at < len(view.words) else ""
        generic = self.dictionary.generics.get(word)
        if generic is None or not generic.country_actor:
            return False
        return not any(self.side_of_word(w) for w in view.words[max(0, at - 2) : at])

    def _blamed_for_something_else(self, view: View, at: int) -> bool:
        """ "accused the army of staging videos": a blame whose deed ("of"/"for" what) is no harm blames no one for
        the attack. A blame without such a deed ("blamed Russia") is for the happening reported."""
        words = view.words
        deed = next((k + 1 for k in range(at + 1, min(at + 5, len(words))) if words[k] in ("of", "for")), None)
        if deed is None:
            return False
        harm = HARM_WORDS | self.lex.violent_predicates | frozenset(self.lex.setting("frames", "main")["deeds"])
        return not any(w in harm for w in words[deed : deed + 4])

    # -- control of a place
