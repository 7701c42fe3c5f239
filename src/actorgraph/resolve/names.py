"""Names, surnames, acronyms and capitals standing for their governments."""

from __future__ import annotations

from actorgraph.names import name_key
from actorgraph.recognise import Recognised, lexicon
from actorgraph.resolve.entities import Resolver
from actorgraph.resolve.grammar import appositive_head, first_or_last, is_agent


class Names(Resolver):
    """The resolver's reading of names."""

    def add_names(self, mentions: list[Recognised]) -> None:
        """Full names and KB-known names first, then single words, which may be a person's
        surname (or family name, "Wang" of "Wang Yi") even where the model typed them as an
        organisation."""
        singles = []
        for m in mentions:
            if m.kind == "capital":
                self.add_capital(m)
            elif m.kind == "name":
                single = m.key is None and m.end_token - m.start_token == 1
                if single and m.type in ("Person", "Organization", "Location"):
                    singles.append(m)
                    continue
                self.add_name(m)
        self.add_acronyms()
        for m in singles:
            group = self.aliases.get(name_key(m.text)) or self.alias_before(m)
            if group is not None:
                self.attach(group, m.start_token, m.end_token, "name", m.text)
                continue
            group = self.person_named(name_key(m.text))
            if group is not None:
                self.entities[group].type = "Person"
                self.attach(group, m.start_token, m.end_token, "name", m.text)
            elif m.type == "Person":
                self.add_surname(m)
            else:
                self.add_name(m)

    def add_missed_surnames(self) -> None:
        """A capitalised word the model did not take for a name but which is the surname of
        exactly one person already named ("... Abdel Fattah al-Burhan ... Burhan rejected")."""
        by_surname: dict[str, set[str]] = {}
        for group, entity in self.entities.items():
            if entity.type == "Person":
                for name in entity.names:
                    words = name_key(name).split()
                    if len(words) > 1 and len(words[-1]) > 2:
                        by_surname.setdefault(words[-1], set()).add(group)
        for token in self.doc:
            if token.pos_ != "PROPN" or not token.text[:1].isupper() or self.group_at(token.i):
                continue
            groups = by_surname.get(name_key(token.text), set())
            if len(groups) == 1:
                self.attach(next(iter(groups)), token.i, token.i + 1, "name", token.text)

    def add_acronyms(self) -> None:
        """An acronym in brackets right after a name is that actor's alias, wherever it
        appears ("the Rapid Support Forces (RSF) ... the RSF")."""
        doc = self.doc
        for group, entity in list(self.entities.items()):
            for _, end, _ in list(entity.spans):
                if end + 2 >= len(doc) or doc[end].text != "(" or doc[end + 2].text != ")":
                    continue
                acronym = doc[end + 1]
                if acronym.text.isupper() and len(acronym.text) >= 2 and acronym.text.isalpha():
                    self.aliases[name_key(acronym.text)] = group
                    if self.group_at(acronym.i) is None:
                        self.attach(group, acronym.i, acronym.i + 1, "name", acronym.text)

    def alias_before(self, m: Recognised) -> str | None:
        """The actor a single name is an alias of: the name just before it when it is given in
        brackets ("Rapid Support Forces (RSF)") or after "known as"/"nicknamed"."""
        doc, i = self.doc, m.start_token
        before: int | None = None
        if (
            i >= 2
            and doc[i - 1].text == "("
            and m.end_token < len(doc)
            and doc[m.end_token].text == ")"
        ):
            before = i - 2
        elif (i >= 3 and doc[i - 2 : i].text.lower() in ("known as", "called as")) or (
            i >= 2 and doc[i - 1].lower_ in ("nicknamed", "dubbed", "alias")
        ):
            start = i - 2 if doc[i - 1].lower_ == "as" else i - 1
            j = start - 1
            while j >= 0 and doc[j].lower_ in (",", "also", "widely", "better", "commonly"):
                j -= 1
            before = j
        group = self.group_at(before) if before is not None and before >= 0 else None
        if group is not None:
            self.aliases[name_key(m.text)] = group
        return group

    def add_name(self, m: Recognised) -> None:
        entry = self.kb.entry(m.key) if m.key else None
        group = m.key or f"{m.type}:{name_key(m.text)}"
        if m.type == "Person" and not m.key:
            group = self.person_group(m.text) or group
        entity = self.entity(group, m.type, entry)
        entity.country = entity.country or m.country
        self.attach(group, m.start_token, m.end_token, "name", m.text)

    def person_group(self, text: str) -> str | None:
        """An existing person with the same last name and no other given name (so "Vladimir
        Putin" and "Putin" merge whichever comes first, but "Hunter Biden" is not "Joe
        Biden": relatives share a surname)."""
        words = name_key(text).split()
        for group, entity in self.entities.items():
            names = [name_key(n).split() for n in entity.names]
            if (
                entity.type == "Person"
                and any(n[-1:] == words[-1:] for n in names)
                and all(_one_person(n, words) for n in names if len(n) > 1 and len(words) > 1)
            ):
                return group
        return None

    def person_named(self, word: str) -> str | None:
        """The person, most recently named, one of whose full names starts or ends with
        `word`; also a name typed as an organisation whose last word it is ("Mutale Banda"
        taken for an organisation, then "Banda said")."""
        best: tuple[bool, int, str] | None = None
        for group, entity in self.entities.items():
            if entity.type == "Person":
                hit = any(first_or_last(name_key(n), word) for n in entity.names)
            elif entity.type == "Organization" and entity.entry is None:
                hit = any(
                    len(n.split()) > 1 and name_key(n).split()[-1] == word for n in entity.names
                )
            else:
                continue
            if hit:
                candidate = (entity.type == "Person", max(s for s, _, _ in entity.spans), group)
                best = max(best, candidate) if best else candidate
        return best[2] if best else None

    def add_surname(self, m: Recognised) -> None:
        """A single-word person name nobody else in the document has: the KB's person of
        that name if there is exactly one, else a person of its own."""
        key = name_key(m.text)
        known = [e for e in self.kb.lookup(m.text) if e.type == "Person"]
        group = known[0].key if len(known) == 1 else f"Person:{key}"
        self.entity(group, "Person", known[0] if len(known) == 1 else None)
        self.attach(group, m.start_token, m.end_token, "name", m.text)

    def add_capital(self, m: Recognised) -> None:
        """A capital acting (subject, agent, object of a verb, possessor) stands for its
        country; a capital as a place stays a Location."""
        token = self.doc[m.end_token - 1]
        if m.key and is_agent(token):
            entry = self.kb.entry(m.key)
            self.entity(m.key, "Country", entry)
            self.attach(m.key, m.start_token, m.end_token, "metonym", m.text)
            return
        group = f"Location:{name_key(m.text)}"
        entity = self.entity(group, "Location")
        entity.country = entity.country or m.country
        self.attach(group, m.start_token, m.end_token, "name", m.text)

    def retype_by_apposition(self) -> None:
        """A name the statistical model typed is retyped by an appositive head noun:
        "BelTA, the state news agency of Belarus" is a media organisation."""
        heads = lexicon().head_types
        for entity in self.entities.values():
            if entity.entry is not None or entity.type == "Location":
                continue
            for _, end, _ in entity.spans:
                head = appositive_head(self.doc, end)
                if head is not None and head.lower_ in heads:
                    entity.type = heads[head.lower_]
                    break


def _one_person(first: list[str], second: list[str]) -> bool:
    """Whether two full names with one surname can be one person's: the same given name, or
    one the end of the other ("Rivera Schatz" of "Thomas Rivera Schatz")."""
    short, long_ = sorted((first, second), key=len)
    return first[0] == second[0] or long_[len(long_) - len(short) :] == short
