"""Nominal groups ("his soldiers", "Russian forces"), peoples and demonyms, and the
countries institutions name."""

from __future__ import annotations

from actorgraph import link
from actorgraph.names import name_key
from actorgraph.recognise import Recognised
from actorgraph.resolve.entities import Resolver
from actorgraph.resolve.grammar import members_of, qualifies_subject


class Nominals(Resolver):
    """The resolver's reading of nominal groups, peoples and demonyms."""

    def add_nominals(self, mentions: list[Recognised]) -> None:
        for m in mentions:
            if m.kind == "group":
                self.add_group(m)
                continue
            if m.kind not in ("nominal", "country"):
                continue
            iso3 = m.country
            if iso3 is None and m.owner is not None:
                owner = self.group_at(m.owner)
                if owner and members_of(m, self.entities[owner].type):
                    self.attach(owner, m.start_token, m.end_token, "nominal", None)
                    continue  # "Hamas fighters", "Wagner troops": the group itself
                iso3 = self.entities[owner].country if owner else None
            if iso3 is None and m.kind == "nominal" and m.type == "Organization":
                self.add_group(m)  # "seven villagers in X", X of no known country: a group
                continue
            if iso3 is None:
                continue
            if m.kind == "country":
                found = self.country_entity(iso3)
                if found:
                    self.attach(found[0], m.start_token, m.end_token, "nominal", None)
                    if self.names_its_owner(m):  # "the Syrian government"
                        found[1].forms.append(m.text)
                continue
            label, entry = link.institution(self.kb, iso3, m.label or m.text, m.type)
            group = entry.key if entry else f"{m.type}:{name_key(label)}"
            entity = self.entity(group, m.type, entry)
            entity.country = entity.country or iso3
            if not entity.names:
                entity.names.append(label)
            if self.names_its_owner(m):  # "the Iran Navy", "Israeli troops": a name of it
                entity.forms.append(m.text)
            self.attach(group, m.start_token, m.end_token, "nominal", None)

    def names_its_owner(self, m: Recognised) -> bool:
        """Whether a noun group names whose it is in its own words (a proper noun or a
        demonym: "the Iran Navy", "Nigerien troops"), rather than describing it ("his
        soldiers", "the army", "Security forces" at a sentence's start)."""
        return any(
            t.pos_ == "PROPN" or t.ent_type_ or (t.text[:1].isupper() and not t.is_sent_start)
            for t in self.doc[m.start_token : m.end_token]
        )

    def add_group(self, m: Recognised) -> None:
        """A people, region or community ("the Kurds", "Arab states", "Greek Cypriot
        leaders") or a group named by one ("Kurdish fighters"): an actor under its label."""
        label = m.label or m.text
        group = f"{m.type}:{name_key(label)}"
        entity = self.entity(group, m.type)
        entity.country = entity.country or m.country
        if not entity.names:
            entity.names.append(label)
        if m.text != label and label.startswith(m.text) and m.text not in entity.names:
            entity.names.append(m.text)  # "eleven people" of "eleven people in Tyre"
        self.attach(group, m.start_token, m.end_token, "nominal", None)

    def add_demonyms(self, demonyms: list[Recognised]) -> None:
        """A demonym no title or noun group took ("an Indian proposal", "Israeli changes",
        "the Serbian and Kosovar sides") still names its country: the country is an actor,
        the word its mention, so that what the country owns or does can be read from it."""
        for d in demonyms:
            if d.country is None or d.type != "Country" or self.group_at(d.start_token):
                continue
            if qualifies_subject(self.doc[d.end_token - 1]):
                continue
            found = self.country_entity(d.country)
            if found is not None:
                self.attach(found[0], d.start_token, d.end_token, "demonym", None)

    def add_named_countries(self) -> None:
        """The country an institution's name names ("Nigerien troops", "Russian forces") is
        an actor too, since the institution is part of it."""
        for entity in list(self.entities.values()):
            if entity.type in ("Person", "Country", "Location") or not entity.country:
                continue
            country = self.kb.country(entity.country)
            if country is None or country.key in self.entities:
                continue
            words = {w.lower() for w in (*country.demonyms, *country.names)}
            for start, end, _ in list(entity.spans):
                demonym = next((t for t in self.doc[start:end] if t.lower_ in words), None)
                if demonym is not None:
                    found = self.country_entity(entity.country)
                    if found:
                        found[1].spans.append((demonym.i, demonym.i + 1, "demonym"))
                    break
