"""The same person or group across articles, under spelling variants and titles, as one Entity.

Mentions come from the actor dictionary (aliases and transliteration variants, matched in the text), from the
speakers of statements and the actors of events, and from titled names ("Mr Dashty", "President Ghani").
Names the dictionary does not know are grouped with rapidfuzz on the surname, but only with context that
backs it: matching given names, or a bare surname that only one full name in the article (or corpus) carries.
Two people who share a surname and differ in given names stay apart.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from fieldbrief.lexicon import pronouns
from fieldbrief.lexicon.actors import ActorDictionary, ActorEntry, load_dictionary
from fieldbrief.link.lexicon import lexicon
from fieldbrief.model import Article, Entity, content_id

PERSON_TYPES = frozenset({"official", "person"})
NAME_WORD = r"[A-Z][\w'’-]+"


@dataclass(frozen=True)
class Mention:
    article_id: str
    start: int
    end: int
    text: str
    code: str | None  # dictionary code when resolved
    person: bool


@dataclass(frozen=True)
class Matcher:
    """Every dictionary alias as one compiled regex (longest first), and the settings for names."""

    dictionary: ActorDictionary
    alias_re: re.Pattern[str]
    alias_code: dict[str, str]  # lower-case alias -> code
    alias_first: dict[str, tuple[tuple[int, tuple[str, ...]], ...]]  # first word -> (words, alias words), longest first
    acronyms: frozenset[str]  # aliases that must match in their own case
    acronyms_lower: frozenset[str]
    titles: frozenset[str]
    titled_re: re.Pattern[str]
    surname_min_score: float
    given_min_score: float
    role_before: re.Pattern[str]  # "Russia's ambassador to Afghanistan " right before a name
    role_after: re.Pattern[str]  # ", the vice president" right after a name
    role_alone: re.Pattern[str]  # "Afghanistan's vice president" / "the Taliban spokesman" standing for a person


@lru_cache(maxsize=4)
def matcher(actors: Path | None = None) -> Matcher:
    """The compiled aliases of the shipped actor dictionary merged with a user's (`--actors FILE`)."""
    dictionary = load_dictionary(actors)
    conf = lexicon().section("entities")
    alias_code: dict[str, str] = {}
    acronyms: set[str] = set()
    for entry in dictionary.entries.values():
        if entry.type == "outlet":
            continue  # outlets are not actors of the story; they are origins
        for alias in (entry.name, *entry.aliases):
            alias_code.setdefault(alias.lower(), entry.code)
            if alias.isupper():
                acronyms.add(alias)
    pattern = "|".join(re.escape(a) for a in sorted(alias_code, key=len, reverse=True))
    titles = frozenset(t.lower() for t in conf["titles"])
    title_alt = "|".join(re.escape(t) for t in sorted(conf["titles"], key=len, reverse=True))
    roles = "|".join(re.escape(r) for r in sorted(conf["roles"], key=len, reverse=True))
    qual = rf"(?P<q>{NAME_WORD})"
    role = rf"(?P<role>(?i:{roles}))(?:[ \t]+(?:to|of|for)[ \t]+{NAME_WORD})?"
    return Matcher(
        role_before=re.compile(rf"(?:{qual}(?:['’]s)?[ \t]+)?{role},?[ \t]+(?:(?:{title_alt})\.?[ \t]+)?$"),
        role_after=re.compile(rf"^,[ \t]+(?:the|a|an)[ \t]+(?:{qual}['’]s[ \t]+)?{role}\b"),
        role_alone=re.compile(rf"\b(?:the[ \t]+)?{qual}(?:['’]s)?[ \t]+{role}\b(?![ \t]*,?[ \t]*[A-Z])"),
        dictionary=dictionary,
        alias_re=re.compile(rf"(?<![\w-])(?:{pattern})(?!\w)", re.IGNORECASE),
        alias_code=alias_code,
        alias_first=_first_words(alias_code),
        acronyms=frozenset(acronyms),
        acronyms_lower=frozenset(a.lower() for a in acronyms),
        titles=titles,
        titled_re=re.compile(rf"\b(?:{title_alt})\.?\s+((?:{NAME_WORD}\s+){{0,2}}{NAME_WORD})"),
        surname_min_score=float(conf["surname_min_score"]),
        given_min_score=float(conf["given_min_score"]),
    )


def _first_words(alias_code: dict[str, str]) -> dict[str, tuple[tuple[int, tuple[str, ...]], ...]]:
    """Aliases by their first word, as the parser splits words (on spaces and hyphens)."""
    index: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for alias in alias_code:
        words = tuple(w for w in re.split(r"[\s\-–]+", alias) if w)
        if words:
            index.setdefault(words[0], []).append((len(words), words))
    return {k: tuple(sorted(v, key=lambda x: -x[0])) for k, v in index.items()}


# ------------------------------------------------------------------------------------------- mentions
def article_mentions(article: Article, m: Matcher | None = None) -> list[Mention]:
    """Actor mentions in one article's text, plus its statement speakers and event actors (no overlaps)."""
    m = m or matcher()
    aliases = _alias_mentions(article, m)
    covered = [(x.start, x.end) for x in aliases]
    titled = [t for t in _titled_mentions(article, m) if not any(s < t.end and t.start < e for s, e in covered)]
    covered += [(t.start, t.end) for t in titled]
    # a place standing for a body or inside a name ("Khorasan Front") leaves the name whole
    covered += [(p.start, p.end) for p in article.places if p.role != "associative"]
    names = [n for n in _plain_names(article, m) if not any(s < n.end and n.start < e for s, e in covered)]
    found = aliases + titled + names + _record_mentions(article, m)
    found.sort(key=lambda x: (x.start, -(x.end - x.start)))
    out: list[Mention] = []
    for mention in found:
        if out and mention.start < out[-1].end:
            continue
        out.append(mention)
    return out


SURFACE = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*")


def _words_of(article: Article) -> list[tuple[int, int, str]]:
    """(start, end, lower-case surface) of the words the parser found (the sentences stage's offsets)."""
    out = []
    for sentence in article.sentences:
        for offset in sentence.offsets:
            hit = SURFACE.match(article.text, sentence.start + offset)
            if hit:
                word = hit.group()
                if word.endswith(pronouns.POSSESSIVE_ENDINGS):  # "Taliban's": the parser's word is "Taliban"
                    word = word[:-2]
                out.append((hit.start(), hit.start() + len(word), word.lower()))
    return out


def _alias_hits(article: Article, m: Matcher) -> list[tuple[int, int]]:
    """Spans of dictionary aliases: looked up word by word on the parser's words (a dictionary of first words, not
    one regular expression of thousands of alternatives), or by that expression for articles without a parse."""
    if not article.sentences:
        return [(hit.start(), hit.end()) for hit in m.alias_re.finditer(article.text)]
    words = _words_of(article)
    text = article.text
    hits = []
    i = 0
    while i < len(words):
        candidates = m.alias_first.get(words[i][2]) if text[words[i][0]].isupper() else None  # names are capitalised
        found = (
            next(((n, alias) for n, alias in candidates if tuple(w for _, _, w in words[i : i + n]) == alias), None)
            if candidates
            else None
        )
        if found is None:
            i += 1
            continue
        n, _ = found
        hits.append((words[i][0], words[i + n - 1][1]))
        i += n
    return hits


def _alias_mentions(article: Article, m: Matcher) -> list[Mention]:
    text = article.text
    out = []
    for start, end in _alias_hits(article, m):
        surface = text[start:end]
        if surface.lower() not in m.alias_code or not surface[0].isupper():
            continue  # names are capitalised; "taliban" in a URL or "hamas" as a word is not a mention
        if surface.lower() in m.acronyms_lower and surface not in m.acronyms:
            continue  # "Ana" is not ANA
        code = m.alias_code[surface.lower()]
        entry = m.dictionary.entries[code]
        if entry.type in PERSON_TYPES and _inside_longer_name(text, start, end, m):
            continue  # "Farid Massoud" is not the Massoud of the dictionary
        out.append(Mention(article.id, start, end, surface, code, entry.type in PERSON_TYPES))
    return out


def _inside_longer_name(text: str, start: int, end: int, m: Matcher) -> bool:
    """A surname alias preceded by another capitalised given name that is neither a title nor the alias itself."""
    before = re.search(rf"({NAME_WORD})[ \t]+$", text[max(0, start - 40) : start])
    if not before:
        return False
    word = before.group(1)
    if word.lower().rstrip(".") in m.titles:
        return False
    full = word.lower() + " " + text[start:end].lower()
    return full not in m.alias_code and _mid_sentence(text, start - len(before.group(0)))


def _mid_sentence(text: str, pos: int) -> bool:
    # a capitalised word right after a sentence end is capitalised for that reason, not because it is a name
    head = text[max(0, pos - 3) : pos].strip()
    return not (head == "" or head.endswith((".", "!", "?", "\n", "'", '"', "“", "‘")))


def _titled_mentions(article: Article, m: Matcher) -> list[Mention]:
    out = []
    for hit in m.titled_re.finditer(article.text):
        start = hit.start(1)
        name = hit.group(1)
        while (first := re.match(r"[\w'’-]+\.?\s*", name)) and first.group().strip().rstrip(".").lower() in m.titles:
            start += first.end()
            name = name[first.end() :]
        if not name:
            continue
        entry = m.dictionary.lookup(name)
        code = entry.code if entry else None
        out.append(Mention(article.id, start, start + len(name), name, code, entry is None or entry.is_person))
    return out


PLAIN_NAME = re.compile(rf"(?<![\w-])({NAME_WORD}(?:[ \t]+{NAME_WORD}){{1,2}})(?![\w-])")


def _plain_names(article: Article, m: Matcher) -> list[Mention]:
    """Two or three capitalised words that are not glue words or titles: a full name the dictionary lacks."""
    stop = lexicon().stopwords
    out = []
    for hit in PLAIN_NAME.finditer(article.text):
        parts = hit.group(1).split()
        if any(p.lower() in stop or p.lower().rstrip(".") in m.titles or p.isupper() for p in parts):
            continue
        out.append(Mention(article.id, hit.start(1), hit.end(1), hit.group(1), None, True))
    return out


def _record_mentions(article: Article, m: Matcher) -> list[Mention]:
    """Speaker names and event actors the other stages resolved, where they are written in the text."""
    out = []
    for st in article.statements:
        sp = st.speaker
        if sp.kind not in ("person", "organisation") or not sp.name:
            continue
        at = article.text.find(sp.mention, st.sentence_start or 0) if sp.mention else -1
        if at < 0 or sp.mention.lower() in {"he", "she", "they", "it"}:
            continue
        # the speaker's own entry, not the body they speak for (a commander is not his movement)
        code = _code(sp.name, m)
        out.append(Mention(article.id, at, at + len(sp.mention), sp.name, code, sp.kind == "person"))
    return out


def _code(name: str, m: Matcher) -> str | None:
    entry = m.dictionary.lookup(name)
    return entry.code if entry else None


# ------------------------------------------------------------------------------------------- resolution
@dataclass
class _Name:
    given: tuple[str, ...]
    surname: str
    article_ids: set[str]
    mentions: Counter[str]
    person: bool


def _split(name: str, m: Matcher) -> tuple[tuple[str, ...], str]:
    parts = [p for p in re.findall(r"[\w'’-]+", name.lower()) if p.rstrip(".") not in m.titles]
    if not parts:
        return (), name.lower()
    return tuple(parts[:-1]), parts[-1]


def resolve(
    articles: list[Article], actors: Path | None = None
) -> tuple[list[Entity], dict[str, list[tuple[Mention, str]]]]:
    """Entities across the corpus, and per article its mentions with the entity id each resolves to."""
    m = matcher(actors)
    per_article = {a.id: article_mentions(a, m) for a in articles}
    names = _unresolved_names(per_article, m)
    name_entity = _group_names(names, per_article, m)
    entities: dict[str, Entity] = {}
    resolved: dict[str, list[tuple[Mention, str]]] = {}
    for aid, mentions in per_article.items():
        out = []
        for mention in mentions:
            if mention.code:
                eid, entity = _coded_entity(mention.code, m)
            else:
                key = name_entity.get((aid, mention.text))
                if key is None:
                    continue
                eid, entity = _named_entity(key, names[key])
            entity = entities.setdefault(eid, entity)
            if mention.text not in entity.mentions:
                entity.mentions.append(mention.text)
            if aid not in entity.article_ids:
                entity.article_ids.append(aid)
            out.append((mention, eid))
        resolved[aid] = out
    by_id = {a.id: a for a in articles}
    holders = _role_holders(resolved, by_id, entities, m)
    for aid, out in resolved.items():
        for mention, eid in _role_mentions(by_id[aid], out, holders, m):
            entity = entities[eid]
            if mention.text not in entity.mentions:
                entity.mentions.append(mention.text)
            if aid not in entity.article_ids:
                entity.article_ids.append(aid)
            # the office replaces what a speaker slot made of it ("president of Bakhtar")
            out[:] = [(x, e) for x, e in out if not (x.start < mention.end and mention.start < x.end)]
            out.append((mention, eid))
        out.sort(key=lambda x: x[0].start)
    used = {eid for out in resolved.values() for _, eid in out}
    return sorted((e for e in entities.values() if e.id in used), key=lambda e: e.id), resolved


# ------------------------------------------------------------------------------------------- offices
RoleKey = tuple[str | None, str]  # (the body the office is of, or None; the office)


def _role_key(qualifier: str | None, role: str, m: Matcher) -> RoleKey:
    """ "Taliban" and "the Taliban's" name one body; a country's demonym does too when the dictionary knows it."""
    q = re.sub(r"['’]s$", "", (qualifier or "").lower())
    if not q or q in lexicon().stopwords:
        return (None, role.lower().replace("-", " "))
    return (m.alias_code.get(q, q), role.lower().replace("-", " "))


def _role_holders(
    resolved: dict[str, list[tuple[Mention, str]]],
    articles: dict[str, Article],
    entities: dict[str, Entity],
    m: Matcher,
) -> dict[RoleKey, set[str]]:
    """Who holds which office, from names written beside it: "Russia's ambassador Dmitry Zhirnov",
    "Amrullah Saleh, the vice president"."""
    holders: dict[RoleKey, set[str]] = {}
    for aid, mentions in resolved.items():
        text = articles[aid].text
        for mention, eid in mentions:
            if entities[eid].kind != "person":
                continue
            before = m.role_before.search(text, max(0, mention.start - 80), mention.start)
            after = m.role_after.match(text[mention.end : mention.end + 80])
            for hit in (before, after):
                if hit:
                    holders.setdefault(_role_key(hit.group("q"), hit.group("role"), m), set()).add(eid)
    return holders


def _role_mentions(
    article: Article, mentions: list[tuple[Mention, str]], holders: dict[RoleKey, set[str]], m: Matcher
) -> list[tuple[Mention, str]]:
    """Office phrases with no name beside them ("Afghanistan's vice president said") that only one person holds."""
    taken = [(x.start, x.end) for x, _ in mentions if x.text[:1].isupper()]  # names, not speaker descriptions
    out = []
    for hit in m.role_alone.finditer(article.text):
        key = _role_key(hit.group("q"), hit.group("role"), m)
        if key[0] is None or any(s < hit.end() and hit.start() < e for s, e in taken):
            continue
        owners = holders.get(key) or holders.get((None, key[1]), set())
        if len(owners) == 1:
            eid = next(iter(owners))
            out.append((Mention(article.id, hit.start(), hit.end(), hit.group(), None, True), eid))
    return out


def _coded_entity(code: str, m: Matcher) -> tuple[str, Entity]:
    entry: ActorEntry = m.dictionary.entries[code]
    eid = content_id("entity", code)
    return eid, Entity(eid, entry.name, _kind(entry), code)


def _kind(entry: ActorEntry) -> str:
    if entry.is_person:
        return "person"
    if entry.type == "government":
        return "state"
    return "outlet" if entry.type == "outlet" else "organisation"


def _named_entity(key: str, name: _Name) -> tuple[str, Entity]:
    eid = content_id("entity", key)
    return eid, Entity(eid, key, "person" if name.person else "other")


def _name_key(text: str, m: Matcher) -> tuple[tuple[str, ...], str, str]:
    """Given names, surname and the title-cased key a name as written is grouped under."""
    given, surname = _split(text, m)
    return given, surname, " ".join((*given, surname)).title()


def _unresolved_names(per_article: dict[str, list[Mention]], m: Matcher) -> dict[str, _Name]:
    names: dict[str, _Name] = {}
    for aid, mentions in per_article.items():
        for mention in mentions:
            if mention.code:
                continue
            given, surname, key = _name_key(mention.text, m)
            rec = names.setdefault(key, _Name(given, surname, set(), Counter(), mention.person))
            rec.article_ids.add(aid)
            rec.mentions[mention.text] += 1
    return names


def _group_names(
    names: dict[str, _Name], per_article: dict[str, list[Mention]], m: Matcher
) -> dict[tuple[str, str], str]:
    """(article id, name as written) -> canonical name key; full names absorb their variants and bare surnames."""
    full = {k: n for k, n in names.items() if n.given}
    canonical: dict[str, str] = {k: k for k in names}
    ordered = sorted(full, key=lambda k: (-sum(full[k].mentions.values()), k))
    for i, a in enumerate(ordered):
        for b in ordered[:i]:
            if canonical[b] == b and _same_person(full[a], full[b], m):
                canonical[a] = b
                break
    for key, n in names.items():
        if not n.given:
            canonical[key] = _owner_of_surname(n, full, canonical, m) or key
    out: dict[tuple[str, str], str] = {}
    for aid, mentions in per_article.items():
        for mention in mentions:
            if mention.code:
                continue
            given, _surname, key = _name_key(mention.text, m)
            if not given:
                owner = _owner_of_surname(names[key], full, canonical, m, article_id=aid)
                out[(aid, mention.text)] = owner or canonical[key]
            else:
                out[(aid, mention.text)] = canonical[key]
    return out


def _same_person(a: _Name, b: _Name, m: Matcher) -> bool:
    if fuzz.ratio(a.surname, b.surname) < m.surname_min_score:
        return False
    if len(a.given) != len(b.given):
        return False
    return fuzz.ratio(" ".join(a.given), " ".join(b.given)) >= m.given_min_score


def _owner_of_surname(
    bare: _Name, full: dict[str, _Name], canonical: dict[str, str], m: Matcher, article_id: str | None = None
) -> str | None:
    """The one full name this bare surname can stand for: in the same article first, else in the corpus."""
    candidates = {canonical[k] for k, n in full.items() if fuzz.ratio(n.surname, bare.surname) >= m.surname_min_score}
    if article_id is not None:
        local = {
            canonical[k]
            for k, n in full.items()
            if article_id in n.article_ids and fuzz.ratio(n.surname, bare.surname) >= m.surname_min_score
        }
        if len(local) == 1:
            return local.pop()
        if len(local) > 1:
            return None
    return candidates.pop() if len(candidates) == 1 else None
