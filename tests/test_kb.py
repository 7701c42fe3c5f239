"""The knowledge base: its data (true, broad facts), the loader's lookups and its RDF."""

from __future__ import annotations

import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, SKOS, Literal, URIRef

from actorgraph import kb
from actorgraph.errors import ActorgraphError
from actorgraph.resources import shapes_path
from actorgraph.vocab import AG, ID, KB_GRAPH, WD

PROV_DERIVED = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
XSD_DATE = rdflib.XSD.date


@pytest.fixture(scope="module")
def base() -> kb.KnowledgeBase:
    return kb.load()


def test_every_un_member_state_once(base: kb.KnowledgeBase) -> None:
    countries = base.of_type("Country")
    members = [c for c in countries if c.un_member]
    assert len(members) == 193
    codes = [c.iso3 for c in countries]
    assert len(codes) == len(set(codes))
    assert all(c.key == f"country/{c.iso3}" for c in countries)
    assert all(re.fullmatch(r"Q[1-9]\d*", c.wikidata or "") for c in members)
    assert {c.iso3 for c in countries if not c.un_member} >= {"PSE", "XKX", "TWN", "VAT"}


def test_every_country_has_demonym_and_capital(base: kb.KnowledgeBase) -> None:
    for country in base.of_type("Country"):
        assert country.demonyms, country.key
        assert country.capital, country.key


def _get(base: kb.KnowledgeBase, key: str) -> kb.KBEntry:
    entry = base.entry(key)
    assert entry is not None, key
    return entry


def test_well_known_country_facts(base: kb.KnowledgeBase) -> None:
    assert _get(base, "country/RUS").wikidata == "Q159"
    assert _get(base, "country/BLR").wikidata == "Q184"
    assert _get(base, "country/UKR").capital == "Kyiv"
    assert _get(base, "country/BLR").demonyms[0] == "Belarusian"
    assert base.country("usa") is base.entry("country/USA")
    assert base.entry("country/XXX") is None
    assert base.by_wikidata("Q7747") is base.entry("person/vladimir-putin")


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("US", "country/USA"),
        ("U.S.", "country/USA"),
        ("the United States", "country/USA"),
        ("United States of America", "country/USA"),
        ("America", "country/USA"),
        ("Britain", "country/GBR"),
        ("Great Britain", "country/GBR"),
        ("the UK", "country/GBR"),
        ("Russian Federation", "country/RUS"),
        ("Russia's", "country/RUS"),
        ("Russia’s", "country/RUS"),
        ("cote d'ivoire", "country/CIV"),
        ("Türkiye", "country/TUR"),
        ("Turkiye", "country/TUR"),
        ("Guinea Bissau", "country/GNB"),
        ("Congo-Brazzaville", "country/COG"),
        ("DR Congo", "country/COD"),
    ],
)
def test_lookup_normalises(base: kb.KnowledgeBase, name: str, key: str) -> None:
    assert [e.key for e in base.lookup(name)] == [key]


def test_lookup_is_exact_not_fuzzy(base: kb.KnowledgeBase) -> None:
    assert base.lookup("Congo") == []  # either Congo: left to context
    assert base.lookup("Russ") == []
    assert base.lookup("United") == []
    assert base.lookup("Republic") == []


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("Belarusian", "country/BLR"),
        ("Belarussian", "country/BLR"),
        ("Byelorussian", "country/BLR"),
        ("Ukrainian", "country/UKR"),
        ("Ukrainians", "country/UKR"),
        ("Russians", "country/RUS"),
        ("American", "country/USA"),
        ("British", "country/GBR"),
        ("Swiss", "country/CHE"),
        ("Poles", "country/POL"),
        ("Chinese", "country/CHN"),
        ("Frenchmen", "country/FRA"),
    ],
)
def test_country_by_adjective(base: kb.KnowledgeBase, word: str, key: str) -> None:
    entry = base.country_by_adjective(word)
    assert entry is not None and entry.key == key


def test_ambiguous_or_unknown_adjective_is_none(base: kb.KnowledgeBase) -> None:
    assert base.country_by_adjective("Congolese") is None  # two Congos
    assert base.country_by_adjective("Dominican") is None  # Dominica and Dominican Republic
    assert base.country_by_adjective("Martian") is None


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Minsk", "country/BLR"),
        ("Moscow", "country/RUS"),
        ("Kiev", "country/UKR"),
        ("Kyiv", "country/UKR"),
        ("Washington", "country/USA"),
        ("Beijing", "country/CHN"),
    ],
)
def test_country_by_capital(base: kb.KnowledgeBase, name: str, key: str) -> None:
    entry = base.country_by_capital(name)
    assert entry is not None and entry.key == key


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Kremlin", "org/kremlin"),
        ("the Kremlin", "org/kremlin"),
        ("White House", "org/white-house"),
        ("the Pentagon", "org/us-department-of-defense"),
        ("Foggy Bottom", "org/us-department-of-state"),
        ("State Department", "org/us-department-of-state"),
        ("Downing Street", "org/downing-street"),
        ("Number 10", "org/downing-street"),
        ("Elysee", "org/elysee"),
        ("Élysée", "org/elysee"),
        ("Quai d’Orsay", "org/quai-dorsay"),
        ("Zhongnanhai", "org/zhongnanhai"),
        ("Bankova", "org/ukraine-presidential-office"),
        ("Blue House", "org/korea-presidential-office"),
        ("Kantei", "org/kantei"),
        ("Bundeskanzleramt", "org/german-chancellery"),
    ],
)
def test_seats_of_power_stand_for_government_bodies(
    base: kb.KnowledgeBase, name: str, key: str
) -> None:
    found = base.lookup(name)
    assert [e.key for e in found] == [key]
    assert found[0].type == "GovernmentBody"
    assert found[0].country is not None


@pytest.mark.parametrize(
    ("name", "key", "type_name"),
    [
        ("NATO", "org/nato", "InternationalOrganization"),
        ("N.A.T.O.", "org/nato", "InternationalOrganization"),
        ("the E.U.", "org/eu", "InternationalOrganization"),
        ("CSTO", "org/csto", "InternationalOrganization"),
        ("Union State", "org/union-state", "InternationalOrganization"),
        ("UN Security Council", "org/un-security-council", "InternationalOrganization"),
        ("Russian Defence Ministry", "org/russian-mod", "GovernmentBody"),
        ("Russia's Defense Ministry", "org/russian-mod", "GovernmentBody"),
        ("Armed Forces of Ukraine", "org/ukraine-armed-forces", "MilitaryForce"),
        ("Belarusian armed forces", "org/belarus-armed-forces", "MilitaryForce"),
        ("TASS", "org/tass", "MediaOrganization"),
        ("BelTA", "org/belta", "MediaOrganization"),
        ("Reuters", "org/reuters", "MediaOrganization"),
        ("Zelensky", "person/volodymyr-zelenskyy", "Person"),
        ("Volodymyr Zelenskyy", "person/volodymyr-zelenskyy", "Person"),
        ("Zaluzhniy", "person/valerii-zaluzhnyi", "Person"),
        ("Lukashenka", "person/alexander-lukashenko", "Person"),
        ("Erdogan", "person/recep-tayyip-erdogan", "Person"),
        ("Putin's", "person/vladimir-putin", "Person"),
    ],
)
def test_lookup_actors(base: kb.KnowledgeBase, name: str, key: str, type_name: str) -> None:
    found = base.lookup(name)
    assert [e.key for e in found] == [key]
    assert found[0].type == type_name


def test_names_cover_labels_and_aliases(base: kb.KnowledgeBase) -> None:
    names = set(base.names())
    assert ("Kremlin", "org/kremlin") in names
    assert ("Zelensky", "person/volodymyr-zelenskyy") in names
    assert ("Belarus", "country/BLR") in names
    assert all(base.entry(key) is not None for _, key in names)
    assert ("Minsk", "country/BLR") in set(base.capitals())
    assert ("Belarusian", "country/BLR") in set(base.demonyms())
    assert all(word != "Congolese" for word, _ in base.demonyms())


def test_no_alias_repeats_its_label(base: kb.KnowledgeBase) -> None:
    repeats = [e.key for e in base.entries if e.label in e.aliases]
    assert repeats == []


@pytest.mark.parametrize(
    ("role", "organization", "day", "person"),
    [
        ("prime minister", "country/GBR", "2022-08-01", "person/boris-johnson"),
        ("prime minister", "country/GBR", "2022-10-01", "person/liz-truss"),
        ("prime minister", "country/GBR", "2022-11-01", "person/rishi-sunak"),
        ("prime minister", "country/GBR", "2022-09-06", "person/liz-truss"),  # changeover day
        ("defence minister", "country/RUS", "2022-12-19", "person/sergei-shoigu"),
        ("foreign minister", "country/BLR", "2022-06-01", "person/vladimir-makei"),
        ("foreign minister", "country/BLR", "2023-01-10", "person/sergei-aleinik"),
        ("defence minister", "country/UKR", "2023-03-01", "person/oleksii-reznikov"),
        ("defence minister", "country/UKR", "2023-10-01", "person/rustem-umerov"),
        ("foreign minister", "country/CHN", "2023-03-01", "person/qin-gang"),
        ("foreign minister", "country/CHN", "2023-09-01", "person/wang-yi"),
        ("chancellor", "country/DEU", "2022-12-19", "person/olaf-scholz"),
        ("king", "country/GBR", "2023-01-01", "person/charles-iii"),
        ("queen", "country/GBR", "2022-01-01", "person/elizabeth-ii"),
        ("president", "country/BRA", "2022-12-19", "person/jair-bolsonaro"),
        ("president", "country/BRA", "2023-02-01", "person/luiz-inacio-lula-da-silva"),
        ("spokesperson", "org/kremlin", "2022-12-19", "person/dmitry-peskov"),
        ("commander", "org/russian-joint-group-of-forces", "2022-12-01", "person/sergei-surovikin"),
        ("commander", "org/russian-joint-group-of-forces", "2023-02-01", "person/valery-gerasimov"),
        ("president", "org/european-commission", "2022-12-19", "person/ursula-von-der-leyen"),
    ],
)
def test_holder_on_a_day(
    base: kb.KnowledgeBase, role: str, organization: str, day: str, person: str
) -> None:
    holder = base.holder(role, organization, day)
    assert holder is not None and holder.key == person


def test_holder_unknown_is_none(base: kb.KnowledgeBase) -> None:
    assert base.holder("prime minister", "country/GBR", "1900-01-01") is None
    assert base.holder("astronaut", "country/RUS", "2022-12-19") is None
    assert base.holder("king", "country/GBR", "2022-01-01") is None


def test_offices_filters(base: kb.KnowledgeBase) -> None:
    shoigu = base.offices(person="person/sergei-shoigu")
    assert [(o.role, o.organization) for o in shoigu] == [("defence minister", "country/RUS")]
    assert shoigu[0].start == "2012-11-06" and shoigu[0].end is None
    on_day = base.offices(organization="country/GBR", role="Prime Minister", on="2022-10-01")
    assert [o.person for o in on_day] == ["person/liz-truss"]
    with pytest.raises(ActorgraphError):
        base.offices(on="19 December 2022")


G20 = [
    "ARG",
    "AUS",
    "BRA",
    "CAN",
    "CHN",
    "FRA",
    "DEU",
    "IND",
    "IDN",
    "ITA",
    "JPN",
    "MEX",
    "RUS",
    "SAU",
    "ZAF",
    "KOR",
    "TUR",
    "GBR",
    "USA",
]


# Days on which a required post had no holder, with the reason (inclusive ranges).
VACANCIES = {
    # Australia's interim ministry of five shared all portfolios until the full ministry.
    ("AUS", "defence minister"): [("2022-05-24", "2022-05-31")],
    # Li Shangfu was removed; Dong Jun was appointed two months later.
    ("CHN", "defence minister"): [("2023-10-25", "2023-12-28")],
    # The finance minister acted as prime minister until Han Duck-soo was confirmed.
    ("KOR", "head of government"): [("2022-05-12", "2022-05-20")],
    # An acting head ran the foreign ministry between Ebrard and Barcena.
    ("MEX", "foreign minister"): [("2023-06-13", "2023-07-02")],
    # Vladimir Makei died in office; Sergei Aleinik was appointed ten days later.
    ("BLR", "foreign minister"): [("2022-11-27", "2022-12-05")],
}
HEADS_OF_STATE = ("president", "king", "queen", "emperor")
HEADS_OF_GOVERNMENT = ("prime minister", "chancellor")


def _vacant(iso3: str, post: str, day: str) -> bool:
    return any(start <= day <= end for start, end in VACANCIES.get((iso3, post), []))


@pytest.mark.parametrize("iso3", [*G20, "UKR", "BLR"])
def test_every_required_post_is_filled_on_every_day_of_2022_2023(
    base: kb.KnowledgeBase, iso3: str
) -> None:
    country = f"country/{iso3}"
    # Where no prime minister or chancellor is listed, the president heads the government.
    parliamentary = any(base.offices(organization=country, role=r) for r in HEADS_OF_GOVERNMENT)
    posts = {
        "head of state": HEADS_OF_STATE,
        "head of government": HEADS_OF_GOVERNMENT if parliamentary else ("president",),
        "foreign minister": ("foreign minister",),
        "defence minister": ("defence minister",),
    }
    for on in _changeover_days(base, iso3):
        for post, roles in posts.items():
            filled = any(base.holder(r, country, on) for r in roles)
            assert filled != _vacant(iso3, post, on), (iso3, post, on)


def _changeover_days(base: kb.KnowledgeBase, iso3: str) -> list[str]:
    """The days of 2022-2023 on which who holds a post, or a vacancy, can change."""
    days = {"2022-01-01"}
    spans = [(o.start, o.end) for o in base.offices(organization=f"country/{iso3}")]
    spans += [s for (code, _), ranges in VACANCIES.items() if code == iso3 for s in ranges]
    for start, end in spans:
        days.add(start or "2022-01-01")
        if end:
            days.add((date.fromisoformat(end) + timedelta(days=1)).isoformat())
    return sorted(d for d in days if "2022-01-01" <= d <= "2023-12-31")


def test_offices_and_links_refer_to_known_actors(base: kb.KnowledgeBase) -> None:
    assert len(base.office_list) > 150
    for office in base.office_list:
        person = _get(base, office.person)
        assert person.type == "Person"
        assert base.entry(office.organization) is not None
        assert office.role == office.role.lower()
        assert office.start is None or office.end is None or office.start <= office.end
    for link in base.links:
        assert base.entry(link.source) is not None and base.entry(link.target) is not None


def test_memberships(base: kb.KnowledgeBase) -> None:
    nato = {link.source for link in base.memberships(target="org/nato", on="2023-12-31")}
    assert len(nato) == 31 and "country/FIN" in nato and "country/SWE" not in nato
    assert "country/FIN" not in {
        link.source for link in base.memberships(target="org/nato", on="2022-12-31")
    }
    eu = {
        link.source for link in base.memberships(target="org/eu", type="memberOf", on="2023-01-01")
    }
    assert len(eu) == 27 and "country/GBR" not in eu
    csto = {link.source for link in base.memberships(target="org/csto")}
    assert csto == {f"country/{c}" for c in ["RUS", "BLR", "ARM", "KAZ", "KGZ", "TJK"]}
    un = base.memberships(target="org/un", type="memberOf")
    assert len(un) == 193
    coe_2021 = {m.source for m in base.memberships(target="org/council-of-europe", on="2021-06-01")}
    coe_2023 = {m.source for m in base.memberships(target="org/council-of-europe", on="2023-06-01")}
    assert "country/RUS" in coe_2021 and "country/RUS" not in coe_2023
    assert len(coe_2023) == 46
    assert len(base.memberships(target="org/arab-league")) == 22
    au = base.memberships(target="org/african-union", type="memberOf", on="2023-01-01")
    assert len(au) == 54  # of 55: the Sahrawi Republic is no country of the knowledge base
    assert len(base.memberships(target="org/opec", on="2023-06-01")) == 13
    assert len(base.memberships(target="org/opec", on="2024-02-01")) == 12


def test_wikidata_ids_are_unique(base: kb.KnowledgeBase) -> None:
    ids = [e.wikidata for e in base.entries if e.wikidata]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"Q[1-9]\d*", q) for q in ids)


@pytest.mark.parametrize(
    ("qid", "key"),
    [
        ("Q2866", "person/alexander-lukashenko"),
        ("Q4298520", "person/mikhail-mishustin"),
        ("Q66094865", "person/denys-shmyhal"),
        ("Q27043179", "person/roman-golovchenko"),
        ("Q76658", "person/frank-walter-steinmeier"),
        ("Q359480", "person/fumio-kishida"),
        ("Q1148669", "person/cyril-ramaphosa"),
        ("Q20055561", "person/rishi-sunak"),
        ("Q564328", "person/annalena-baerbock"),
        ("Q58217", "person/sergey-lavrov"),
        ("Q7821917", "person/antony-blinken"),
    ],
)
def test_leaders_link_to_their_wikidata_items(base: kb.KnowledgeBase, qid: str, key: str) -> None:
    assert base.by_wikidata(qid) is _get(base, key)
    graph = base.to_graph()
    assert (URIRef(ID[key]), OWL.sameAs, WD[qid]) in graph


def test_graph_holds_actor_facts(base: kb.KnowledgeBase) -> None:
    graph = base.to_graph()
    assert graph.identifier == KB_GRAPH
    putin, russia = ID["person/vladimir-putin"], ID["country/RUS"]
    assert (putin, RDF.type, AG.Person) in graph
    assert (putin, RDFS.label, Literal("Vladimir Putin")) in graph
    assert (putin, SKOS.altLabel, Literal("Putin")) in graph
    assert (putin, AG.wikidata, Literal("Q7747")) in graph
    assert (putin, OWL.sameAs, WD.Q7747) in graph
    assert (putin, AG.countryCode, Literal("RUS")) in graph
    assert (putin, AG.country, russia) in graph
    assert (russia, RDF.type, AG.Country) in graph
    assert (russia, AG.iso3, Literal("RUS")) in graph
    assert (russia, AG.capital, Literal("Moscow")) in graph
    assert (russia, AG.demonym, Literal("Russian")) in graph
    assert (russia, AG.country, None) not in graph
    assert (ID["org/kremlin"], RDF.type, AG.GovernmentBody) in graph
    assert (ID["org/kremlin"], AG.country, russia) in graph
    assert (ID["org/nato"], RDF.type, AG.InternationalOrganization) in graph
    assert (ID["org/tass"], RDF.type, AG.MediaOrganization) in graph
    assert (ID["org/ukraine-armed-forces"], RDF.type, AG.MilitaryForce) in graph


def test_graph_holds_offices_and_memberships_as_nodes(base: kb.KnowledgeBase) -> None:
    graph = base.to_graph()
    shoigu, russia = ID["person/sergei-shoigu"], ID["country/RUS"]
    nodes = [
        n
        for n in graph.subjects(AG.source, shoigu)
        if (n, AG.relationType, AG.holdsPosition) in graph
    ]
    assert len(nodes) == 1
    node = nodes[0]
    assert (node, RDF.type, AG.Affiliation) in graph
    assert (node, RDF.type, AG.Position) in graph
    assert (node, AG.target, russia) in graph
    assert (node, AG.role, Literal("defence minister")) in graph
    assert (node, AG.startDate, Literal("2012-11-06", datatype=XSD_DATE)) in graph
    assert (node, AG.endDate, None) not in graph
    assert (node, PROV_DERIVED, KB_GRAPH) in graph
    assert (shoigu, AG.holdsPosition, russia) in graph
    truss_pm = [
        n
        for n in graph.subjects(AG.role, Literal("prime minister"))
        if (n, AG.source, ID["person/liz-truss"]) in graph
    ]
    assert len(truss_pm) == 1
    assert (truss_pm[0], AG.endDate, Literal("2022-10-25", datatype=XSD_DATE)) in graph
    assert (ID["country/BLR"], AG.memberOf, ID["org/csto"]) in graph
    assert (ID["org/un-security-council"], AG.partOf, ID["org/un"]) in graph
    member = [
        n
        for n in graph.subjects(AG.source, ID["country/FIN"])
        if (n, AG.target, ID["org/nato"]) in graph
    ]
    assert len(member) == 1
    assert (member[0], RDF.type, AG.Position) not in graph
    assert (member[0], AG.relationType, AG.memberOf) in graph
    assert (member[0], AG.startDate, Literal("2023-04-04", datatype=XSD_DATE)) in graph


def test_graph_is_queryable_with_sparql(base: kb.KnowledgeBase) -> None:
    rows = base.to_graph().query(
        """PREFIX ag: <https://w3id.org/actorgraph#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?name WHERE {
          ?p ag:source ?person ; ag:role "foreign minister" ; ag:target ?c ;
             ag:startDate ?start .
          ?c ag:iso3 "BLR" . ?person rdfs:label ?name .
          FILTER(?start <= "2023-01-01"^^<http://www.w3.org/2001/XMLSchema#date>)
          FILTER NOT EXISTS { ?p ag:endDate ?end
                              FILTER(?end < "2023-01-01"^^<http://www.w3.org/2001/XMLSchema#date>) }
        }"""
    )
    assert [str(b[rdflib.Variable("name")]) for b in rows.bindings] == ["Sergei Aleinik"]


def test_graph_conforms_to_shapes(base: kb.KnowledgeBase) -> None:
    pyshacl = pytest.importorskip("pyshacl")
    conforms, _, report = pyshacl.validate(
        base.to_graph(), shacl_graph=str(shapes_path()), shacl_graph_format="turtle"
    )
    assert conforms, report


def test_load_is_cached(base: kb.KnowledgeBase) -> None:
    assert kb.load() is base


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "kb"
    shutil.copytree(kb.kb_dir(), target)
    return target


def test_missing_column_is_one_line_error(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    path = folder / "countries.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace(",demonyms", "")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ActorgraphError) as info:
        kb.load(folder)
    message = str(info.value)
    assert "\n" not in message
    assert "countries.csv:1" in message and "demonyms" in message


def test_duplicate_key_names_file_and_line(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    path = folder / "countries.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append(lines[1])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ActorgraphError, match=rf"countries\.csv:{len(lines)}: duplicate key"):
        kb.load(folder)


def _edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        (
            "organizations.csv",
            ",InternationalOrganization,Q7184,",
            ",Alliance,Q7184,",
            r"organizations\.csv:\d+: unknown type 'Alliance'",
        ),
        ("persons.csv", "Q7747", "7747", r"persons\.csv:2: bad wikidata '7747'"),
        ("offices.csv", "2012-11-06", "2012-13-06", r"offices\.csv:\d+: bad start"),
        (
            "offices.csv",
            "person/sergei-shoigu,",
            "person/nobody,",
            r"offices\.csv:\d+: unknown actor 'person/nobody'",
        ),
        ("relations.csv", "memberOf", "friendOf", r"relations\.csv:2: unknown relation type"),
        (
            "countries.csv",
            "country/AFG,Afghanistan,AFG",
            "country/AFG,Afghanistan,AFX",
            r"countries\.csv:2: key 'country/AFG' does not match",
        ),
    ],
)
def test_broken_files_raise_one_line_errors(
    tmp_path: Path, name: str, old: str, new: str, message: str
) -> None:
    folder = _copy(tmp_path)
    _edit(folder, name, old, new)
    with pytest.raises(ActorgraphError, match=message) as info:
        kb.load(folder)
    assert "\n" not in str(info.value)


def test_missing_folder_is_error(tmp_path: Path) -> None:
    with pytest.raises(ActorgraphError, match="not found"):
        kb.load(tmp_path / "nowhere")


def test_report_lookups_holder_and_counts(base: kb.KnowledgeBase) -> None:
    text = kb.report(base, ["Shoigu", "Minsk", "Nobody Known"], on="2022-12-19")
    assert "person/sergei-shoigu  Person  Sergei Shoigu" in text
    assert "defence minister, Russia: 2012-11-06" in text
    assert "country/BLR  Country  Belarus  (Q184, BLR)" in text
    assert "Nobody Known: not in the knowledge base" in text
    holder = kb.report(base, role="prime minister", organization="UK", on="2022-10-01")
    assert holder == "prime minister of United Kingdom on 2022-10-01: Liz Truss (person/liz-truss)"
    counts = kb.report(base)
    assert "UN member states: 193" in counts and f"offices: {len(base.office_list)}" in counts
    with pytest.raises(ActorgraphError, match="--role needs"):
        kb.report(base, role="president")
    with pytest.raises(ActorgraphError, match="unknown organisation"):
        kb.report(base, role="president", organization="Atlantis", on="2022-01-01")


def test_cli_kb_command(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from actorgraph.cli import app

    runner = CliRunner()
    ok = runner.invoke(
        app, ["kb", "--role", "defence minister", "--of", "Russia", "--on", "2023-06-01"]
    )
    assert ok.exit_code == 0
    assert "Sergei Shoigu (person/sergei-shoigu)" in ok.output
    folder = _copy(tmp_path)
    _edit(folder, "persons.csv", "person/vladimir-putin,Vladimir Putin,", "person/vladimir-putin,,")
    bad = runner.invoke(app, ["kb", "--kb", str(folder), "Putin"])
    assert bad.exit_code != 0
    assert isinstance(bad.exception, ActorgraphError)
    assert "persons.csv:2: empty label" in str(bad.exception)


def test_cli_broken_kb_is_one_line_exit_2(tmp_path: Path) -> None:
    import subprocess
    import sys

    folder = _copy(tmp_path)
    _edit(folder, "organizations.csv", "key,label,type,", "key,name,type,")
    done = subprocess.run(
        [sys.executable, "-m", "actorgraph", "kb", "--kb", str(folder), "NATO"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "organizations.csv:1: missing column label" in done.stderr
    assert "Traceback" not in done.stderr


def test_binary_file_is_one_line_error(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "persons.csv").write_bytes(b"key,label\xff\xfe\x00\x00,wikidata\n")
    with pytest.raises(ActorgraphError, match=r"persons\.csv:1: ") as info:
        kb.load(folder)
    assert "\n" not in str(info.value)


def test_fresh_parse_equals_the_cached_base() -> None:
    fresh = kb._collect(kb.kb_dir())
    assert fresh is not kb.load()
    assert fresh.entries == kb.load().entries
    assert fresh.office_list == kb.load().office_list
