"""A generated corpus of short diplomatic news articles, for load and crash tests.

Sentences come from general templates of diplomatic reporting (meetings, accusations,
agreements, sanctions, aid, troop movements); the actors are drawn from the knowledge base
(countries with their capitals and demonyms, international organisations, and people where the
knowledge base lists them). The same seed always gives the same corpus.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass
from pathlib import Path

from actorgraph import kb

FALLBACK_PEOPLE = (  # invented names, used only when the knowledge base lists no people
    ("Maria Alvarez", "foreign minister"),
    ("Tomas Lindqvist", "prime minister"),
    ("Amina Diallo", "president"),
    ("Kenji Morita", "defence minister"),
    ("Elena Petrova", "spokesperson"),
)
TOPICS = (
    "energy supplies", "grain exports", "border security", "trade", "a ceasefire",
    "nuclear safety", "refugees", "climate finance", "arms control", "visa rules",
)  # fmt: skip
TEMPLATES = (
    "{person_a}, the {role_a} of {country_a}, met {person_b} in {capital_b} on {weekday} "
    "to discuss {topic}.",
    "{person_a} accused {country_b} of violating the agreement on {topic}.",
    "{country_a} and {country_b} signed an agreement on {topic} on {weekday}, "
    "the {org} said in a statement.",
    "The {demonym_a} {role_a} said {country_a} would not accept the demands of {country_b}.",
    "The {org} imposed new sanctions on {country_b} over {topic}.",
    "{person_b} thanked {country_a} for its support and asked for more help with {topic}.",
    "Troops from {country_a} were sent to the border with {country_b}, officials said.",
    "{person_a} called on {country_b} to return to talks on {topic}.",
    "{country_b} rejected the proposal, a spokesperson for its foreign ministry said.",
    "{person_a} warned that {country_a} could cut ties with {country_b} if the attacks went on.",
    "{country_a} sent humanitarian aid to {country_b} after the floods, the {org} said.",
    "Officials in {capital_a} said the talks with {country_b} on {topic} would resume next week.",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


@dataclass(frozen=True)
class Cast:
    """The actors a corpus draws from."""

    people: tuple[tuple[str, str], ...]  # (name, role)
    countries: tuple[kb.KBEntry, ...]
    organizations: tuple[str, ...]


def cast() -> Cast:
    """Actors from the knowledge base (people only where it lists them)."""
    base = kb.load()
    office_roles = {o.person: o.role for o in base.office_list}
    people = (
        tuple((e.label, office_roles.get(e.key, "minister")) for e in base.of_type("Person"))
        or FALLBACK_PEOPLE
    )
    countries = tuple(e for e in base.of_type("Country") if e.capital and e.demonyms)
    organizations = tuple(e.label for e in base.of_type("InternationalOrganization"))
    return Cast(people, countries, organizations or ("United Nations",))


def article(rng: random.Random, actors: Cast) -> str:
    """One short article: a headline and four to six sentences."""
    sentences = []
    for template in rng.sample(TEMPLATES, rng.randint(4, 6)):
        (person_a, role_a), (person_b, _) = rng.sample(actors.people, 2)
        country_a, country_b = rng.sample(actors.countries, 2)
        sentences.append(
            template.format(
                person_a=person_a,
                person_b=person_b,
                role_a=role_a,
                country_a=country_a.label,
                country_b=country_b.label,
                capital_a=country_a.capital,
                capital_b=country_b.capital,
                demonym_a=country_a.demonyms[0],
                org=rng.choice(actors.organizations),
                topic=rng.choice(TOPICS),
                weekday=rng.choice(WEEKDAYS),
            )
        )
    headline = sentences[0].split(",")[0].rstrip(".")
    return headline + "\n\n" + "\n\n".join(sentences) + "\n"


def write_corpus(folder: Path, count: int, seed: int = 7) -> list[Path]:
    """Write `count` articles with date sidecars into `folder`; returns their paths."""
    rng = random.Random(seed)
    actors = cast()
    folder.mkdir(parents=True, exist_ok=True)
    start = dt.date(2023, 1, 2)
    paths = []
    for number in range(count):
        path = folder / f"article-{number:04d}.txt"
        path.write_text(article(rng, actors), encoding="utf-8")
        day = start + dt.timedelta(days=rng.randint(0, 364))
        meta = {"title": f"Report {number}", "date": day.isoformat(), "source": "generated"}
        path.with_suffix(".json").write_text(json.dumps(meta), encoding="utf-8")
        paths.append(path)
    return paths
