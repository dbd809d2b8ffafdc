"""Who a pronoun, a one-word name or a description refers back to: the candidates an article has named or heard
speak so far, in text order, and the most recent compatible one (speakers and subjects of the last few sentences
first). SpeakerResolver (speakers.py) remembers the candidates as it resolves; this is its memory."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Token

from fieldbrief.extract.statements.cues import Cues
from fieldbrief.extract.statements.text import DocIndex
from fieldbrief.model import Speaker

SENTENCE_WINDOW = 3  # sentences back in which a subject or a speaker is preferred as antecedent


@dataclass
class Candidate:
    """Someone a later pronoun or description may refer to: a named mention or an earlier speaker."""

    offset: int
    sentence: int
    speaker: Speaker
    gender: str | None  # "f", "m" or None
    is_speaker: bool
    is_subject: bool
    noun: str = ""  # for unnamed sources: the noun ("source", "official")


class Antecedents:
    """The candidates named or heard so far and the lookups over them (the resolver's dataclass fields hold
    them)."""

    cues: Cues
    index: DocIndex
    candidates: list[Candidate]
    full_names: dict[str, str]  # lower-case name token -> first full name
    genders: dict[str, str]  # full name -> "f" | "m"
    roles: dict[str, set[str]]  # full name -> the roles the text gives the person ("minister" of "Minister X")

    def full_name(self, name: str) -> str:
        """ "Lavrov" -> "Sergei Lavrov": a one-word name (after titles) is the last speaker of that name, else
        the first full name using it."""
        words = name.split()
        while words and words[0].lower().rstrip(".") in self.cues.titles:
            words = words[1:]
        if len(words) != 1:
            return " ".join(words)
        word = words[0].lower()
        for c in reversed(self.candidates):
            if c.is_speaker and c.speaker.kind == "person" and c.speaker.name.lower().split()[-1:] == [word]:
                return c.speaker.name
        return self.full_names.get(word, words[0])

    def _gender(self, name: str, context: Iterable[str]) -> str | None:
        words = {w.lower() for w in context}
        if words & self.cues.female_words:
            return "f"
        if words & self.cues.male_words:
            return "m"
        if name in self.genders:
            return self.genders[name]
        parts = name.lower().split()
        if parts and parts[0] in self.cues.female_first_names:
            return "f"
        if parts and len(parts[-1]) > 4 and parts[-1].endswith(self.cues.female_endings):
            return "f"
        if parts and parts[-1].endswith(self.cues.male_endings):
            return "m"
        return None

    def _sentence(self, token: Token) -> int:
        return self.index.sentence_number(token)

    def _antecedent(
        self,
        head: Token,
        *,
        person: bool,
        gender: str | None,
        noun: str = "",
        plural: bool = False,
        outside: tuple[int, int] | None = None,
    ) -> Speaker | None:
        """The most recent compatible candidate: speakers and subjects of the last few sentences first.

        `outside`: the content this description attributes; "X was shelled, the governor said" is not X speaking.
        """
        here = self._sentence(head)
        if noun in self.cues.source_nouns:  # "the source" is the unnamed source quoted before
            unnamed = [c for c in self.candidates if c.offset < head.idx and c.noun == noun]
            if unnamed:
                return unnamed[-1].speaker
        role = noun if person and noun in self.cues.role_nouns else None
        before = [
            c
            for c in self.candidates
            if c.offset < head.idx
            and self._compatible(c, person, gender, plural)
            and not (outside and outside[0] <= c.offset < outside[1])
            and (role is None or self._may_hold(c, role))
        ]
        recent = [c for c in before if here - c.sentence <= SENTENCE_WINDOW]
        for pool in ([c for c in recent if c.is_speaker or c.is_subject], recent, before):
            if pool:
                return max(pool, key=lambda c: c.offset).speaker
        if gender == "f":  # "she" with no known woman: someone whose gender the text does not give
            return self._antecedent(head, person=person, gender="?", noun=noun)
        return None

    def _may_hold(self, c: Candidate, role: str) -> bool:
        """Whether "the <role>" may be this person: the text gave them that role, or none ("the mayor" is never
        "Defence Minister Tomas Varga")."""
        roles = self.roles.get(c.speaker.name)
        return not roles or role in roles

    @staticmethod
    def _compatible(c: Candidate, person: bool, gender: str | None, plural: bool) -> bool:
        kind = c.speaker.kind
        if person:
            if kind != "person":
                return False
            if gender == "f":
                return c.gender == "f"
            if gender == "?":
                return c.gender is None
            return gender is None or c.gender != ("f" if gender == "m" else "m")
        if plural and kind == "unnamed":
            return True
        return kind in {"organisation", "outlet"} or (plural and kind == "unnamed")
