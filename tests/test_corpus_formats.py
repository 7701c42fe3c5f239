"""Corpora of articles, not only folders of files: JSON Lines, CSV/TSV, news-please JSON, WARC
web archives and RSS/Atom feeds, plain or compressed; each record a document with a stable id,
each bad record one line while the rest goes on."""

from __future__ import annotations

import bz2
import csv
import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import zstandard
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from actorgraph import build, read, store
from actorgraph.errors import InputError
from actorgraph.model import Document, Extraction
from actorgraph.reader import ReadReport
from conftest import make_extraction
from test_reader import GERMAN, page

TALKS = (
    "Foreign ministers of Brazil and Argentina met in Montevideo on Tuesday to discuss a "
    "trade agreement. Both governments said the talks had been useful and would continue."
)
SANCTIONS = (
    "The European Union imposed new sanctions on Iran on Wednesday over drone deliveries. "
    "Tehran summoned the ambassadors of three member states in protest."
)
AID = (
    "Japan pledged emergency aid to Turkey after the earthquake, the foreign ministry in Tokyo "
    "said. A team of rescuers left for Ankara on Thursday morning."
)
CEASEFIRE = (
    "Negotiators from both sides agreed to a three-day ceasefire on Friday, mediators in Doha "
    "said. Aid convoys are expected to cross the border early next week."
)


def jsonl(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def lines(paths: list[Path], **options: object) -> list[tuple[str, str]]:
    return list(read.check(paths, **options))  # type: ignore[arg-type]


def ok(found: list[tuple[str, str]]) -> list[str]:
    return [line for status, line in found if status == "ok"]


def bad(found: list[tuple[str, str]]) -> list[str]:
    return [line for status, line in found if status != "ok"]


# --- JSON Lines ----------------------------------------------------------------------------


def test_jsonl_records_are_documents_and_bad_records_one_line_each(tmp_path: Path) -> None:
    corpus = tmp_path / "wire.jsonl"
    corpus.write_text(
        jsonl(
            {"id": "w-1", "title": "Trade talks", "date": "2023-05-02", "text": TALKS},
            '{"id": "w-2", "text": "cut off',
            ["a", "list"],
            {"id": "w-3", "title": "No text here"},
            {"id": "w-4", "text": SANCTIONS, "date": "2023-02-30"},
            {"id": "w-5", "text": GERMAN},
            {
                "url": "https://news.example.org/world/aid?ref=rss",
                "body": AID,
                "published": "Thu, 09 Feb 2023 07:30:00 GMT",
            },
        ),
        encoding="utf-8",
    )
    report = ReadReport()
    documents = list(read.read_documents([corpus], on_error=report))
    assert [d.id for d in documents] == ["w-1", documents[1].id]
    first, second = documents
    assert (first.title, first.date, first.text) == ("Trade talks", "2023-05-02", TALKS)
    assert first.path == f"{corpus}:1"
    assert (
        second.date == "2023-02-09" and second.url == "https://news.example.org/world/aid?ref=rss"
    )
    assert (
        second.id.startswith("news.example.org-world-aid-") and second.source == "news.example.org"
    )
    failures = [str(e) for _, e in report.failed]
    assert failures == [
        f"{corpus}:2: not valid JSON (Unterminated string starting at column 23)",
        f"{corpus}:3: a record must be a JSON object, not list",
        f"{corpus}:4: no article text (no field 'text', 'body', 'content' or 'maintext')",
        f"{corpus}:5: impossible date '2023-02-30'",
    ]
    (skipped,) = [str(e) for _, e in report.skipped]
    assert skipped.startswith(f"{corpus}:6: text looks 'de', not English")


def test_two_articles_in_a_jsonl_file_are_two_documents_not_one(tmp_path: Path) -> None:
    """Before, a .jsonl file was one plain-text article: JSON syntax in the evidence."""
    corpus = tmp_path / "two.jsonl"
    corpus.write_text(jsonl({"text": TALKS}, {"text": SANCTIONS}), encoding="utf-8")
    documents = list(read.read_documents([corpus]))
    assert [d.text for d in documents] == [TALKS, SANCTIONS]
    assert [d.id for d in documents] == ["two-1", "two-2"]  # no id, no URL: file and number
    assert all("{" not in d.text for d in documents)


def test_fields_are_configurable_and_reach_into_objects(tmp_path: Path) -> None:
    corpus = tmp_path / "custom.jsonl"
    corpus.write_text(
        jsonl({"story": TALKS, "meta": {"when": "2023-04-01", "key": "k-9"}, "text": "ignored"}),
        encoding="utf-8",
    )
    fields = read.Fields.parse(["text=story", "date=meta.when", "id=meta.key"])
    (document,) = read.read_documents([corpus], fields=fields)
    assert (document.id, document.date, document.text) == ("k-9", "2023-04-01", TALKS)
    with pytest.raises(InputError, match="--field"):
        read.Fields.parse(["body"])


def test_an_oversized_record_is_refused_and_the_next_one_read(tmp_path: Path) -> None:
    corpus = tmp_path / "big.jsonl"
    corpus.write_text(jsonl({"text": "word " * 5000}, {"id": "small", "text": AID}), "utf-8")
    found = lines([corpus], max_bytes=4096)
    assert bad(found) == [f"{corpus}:1: record over the limit of 4096 bytes (--max-bytes)"]
    assert ok(found)[0].startswith(f"{corpus}:2: id 'small', JSON Lines record")


def test_a_txt_file_of_json_lines_is_read_as_a_corpus(tmp_path: Path) -> None:
    disguised = tmp_path / "export.txt"
    disguised.write_text(jsonl({"text": TALKS}, {"text": AID}), encoding="utf-8")
    assert read.kind_of(disguised, named=True) == "jsonl"
    assert [d.text for d in read.read_documents([disguised])] == [TALKS, AID]


# --- CSV and TSV ---------------------------------------------------------------------------


def test_csv_rows_with_quoted_paragraphs_and_spreadsheet_encoding(tmp_path: Path) -> None:
    table = io.StringIO()
    writer = csv.writer(table)
    writer.writerow(["id", "headline", "published", "body"])
    writer.writerow(["c-1", "Talks", "2023-05-02", TALKS.replace(". ", ".\n\n", 1)])
    writer.writerow(["c-2", "Café diplomacy", "", AID])
    writer.writerow(["c-3", "Empty", "2023-05-04", ""])
    corpus = tmp_path / "export.csv"
    corpus.write_bytes(table.getvalue().encode("cp1252"))
    report = ReadReport()
    documents = list(read.read_documents([corpus], on_error=report))
    assert [d.id for d in documents] == ["c-1", "c-2"]
    assert documents[0].text == TALKS.replace(". ", ".\n\n", 1)
    assert documents[1].title == "Café diplomacy" and documents[1].date is None
    assert documents[1].path == f"{corpus}:5"  # the first row's text spans three lines
    assert [str(e) for _, e in report.failed] == [f"{corpus}:6: empty article text"]


def test_a_table_without_a_text_column_is_one_line(tmp_path: Path) -> None:
    corpus = tmp_path / "wrong.tsv"
    corpus.write_text("id\tstory\nt-1\t" + TALKS + "\n", encoding="utf-8")
    assert bad(lines([corpus])) == [
        f"{corpus}: no text column (looked for text, body, content, maintext; the "
        "columns are id, story); name it with --field text=COLUMN"
    ]
    fields = read.Fields.parse(["text=story"])
    assert [d.text for d in read.read_documents([corpus], fields=fields)] == [TALKS]


# --- news-please ---------------------------------------------------------------------------

NEWS_PLEASE = {
    "authors": ["Staff Reporter"],
    "date_download": "2023-06-12 10:22:31",
    "date_modify": "2023-06-12 10:22:31",
    "date_publish": "2023-06-11 18:05:00",
    "description": "Rescue teams travel to the quake zone.",
    "filename": "https%3A%2F%2Fwww.example.net%2Fasia%2Fquake-aid.json",
    "image_url": "https://www.example.net/img/quake.jpg",
    "language": "en",
    "localpath": None,
    "maintext": AID,
    "source_domain": "www.example.net",
    "text": None,
    "title": "Japan sends rescuers",
    "title_page": None,
    "title_rss": None,
    "url": "https://www.example.net/asia/quake-aid",
}


def test_news_please_json_files(tmp_path: Path) -> None:
    folder = tmp_path / "np"
    folder.mkdir()
    (folder / "quake-aid.json").write_text(json.dumps(NEWS_PLEASE), encoding="utf-8")
    (folder / "many.json").write_text(
        json.dumps([dict(NEWS_PLEASE, url="https://www.example.net/b", maintext=TALKS), 3]),
        encoding="utf-8",
    )
    report = ReadReport()
    documents = list(read.read_documents([folder], on_error=report))
    assert [d.text for d in documents] == [TALKS, AID]  # files in name order
    quake = documents[1]
    assert (quake.title, quake.date, quake.language) == ("Japan sends rescuers", "2023-06-11", "en")
    assert quake.source == "www.example.net" and quake.url == NEWS_PLEASE["url"]
    assert [str(e) for _, e in report.failed] == [
        f"{folder / 'many.json'}#2: an article must be a JSON object"
    ]


def test_a_sidecar_is_still_metadata_not_an_article(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(TALKS, encoding="utf-8")
    (tmp_path / "story.json").write_text(json.dumps({"date": "2023-05-02"}), encoding="utf-8")
    (document,) = read.read_documents([tmp_path])
    assert (document.id, document.date) == ("story", "2023-05-02")


# --- WARC ----------------------------------------------------------------------------------


def write_warc(path: Path, gz: bool = True) -> None:
    """A crawl of a news site as crawlers write it: requests, responses, a revisit, media."""
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gz)

        def response(url: str, status: str, kind: str, body: bytes, day: str) -> None:
            headers = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
            request = writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET /"))
            writer.write_record(request)
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": f"{day}T06:00:00Z"},
            )
            writer.write_record(record)

        talks = page(TALKS).replace("2023-03-06T09:00:00Z", "2023-05-02T09:00:00Z")
        response("https://news.example.com/a/talks", "200 OK", "text/html; charset=utf-8",
                 talks.encode("utf-8"), "2023-05-03")  # fmt: skip
        response("https://news.example.com/a/old", "301 Moved", "text/html", b"", "2023-05-03")
        response(
            "https://news.example.com/logo.png", "200 OK", "image/png", b"\x89PNG", "2023-05-03"
        )
        undated = page(AID).replace('<meta property="article:published_time" '
                                    'content="2023-03-06T09:00:00Z">', "")  # fmt: skip
        response("https://news.example.com/a/aid", "200 OK", "text/html; charset=iso-8859-1",
                 undated.encode("latin-1"), "2023-02-10")  # fmt: skip


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc", "crawl.warc.zst"])
def test_warc_pages_are_articles(tmp_path: Path, name: str) -> None:
    plain = tmp_path / "plain.warc"
    write_warc(plain, gz=False)
    path = tmp_path / name
    if name.endswith(".gz"):
        write_warc(path, gz=True)
    elif name.endswith(".zst"):
        path.write_bytes(zstandard.ZstdCompressor().compress(plain.read_bytes()))
    else:
        path = plain
    report = ReadReport()
    documents = list(read.read_documents([path], on_error=report))
    assert [d.url for d in documents] == [
        "https://news.example.com/a/talks",
        "https://news.example.com/a/aid",
    ]
    talks, aid = documents
    assert "Montevideo" in talks.text and "Related story" not in talks.text
    assert talks.date == "2023-05-02"  # the page's own date, not the capture's
    assert talks.title == "Ministers meet in Berlin"
    assert aid.date == "2023-02-10"  # no date of its own: the day it was captured
    assert "Tokyo" in aid.text
    assert not report.failed
    skipped = [str(e) for _, e in report.skipped]
    assert skipped == [
        f"{path}#2 <https://news.example.com/a/old>: HTTP status 301, not a page",
        f"{path}#3 <https://news.example.com/logo.png>: image/png, not a web page",
    ]


def test_a_file_that_is_not_a_warc_is_one_line(tmp_path: Path) -> None:
    fake = tmp_path / "fake.warc"
    fake.write_text("this is not an archive\n" * 3, encoding="utf-8")
    found = lines([fake])
    assert len(found) == 1 and found[0][0] == "failed"
    assert found[0][1] == f"{fake}: not a WARC file (no WARC record at its start)"


# --- feeds ---------------------------------------------------------------------------------

TALKS_HTML = "<p>" + TALKS.replace(". ", ".</p><p>", 1) + "</p>"
RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>World news</title><link>https://news.example.com/</link>
<language>en-us</language>
<item><title>Trade talks resume</title><link>https://news.example.com/a/talks</link>
<guid isPermaLink="false">n-1001</guid><pubDate>Tue, 02 May 2023 09:00:00 GMT</pubDate>
<description>Short teaser only.</description>
<content:encoded><![CDATA[{TALKS_HTML}]]></content:encoded>
</item>
<item><title>Sanctions</title><link>https://news.example.com/a/sanctions</link>
<pubDate>Wed, 03 May 2023 23:30:00 -0500</pubDate>
<description>{SANCTIONS}</description></item>
<item><title>Empty item</title><link>https://news.example.com/a/empty</link></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Agency wire</title>
<id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id><updated>2023-05-05T10:00:00Z</updated>
<entry><title>Ceasefire agreed</title><id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
<updated>2023-05-05T10:00:00Z</updated><published>2023-05-05T08:00:00Z</published>
<content type="html">&lt;p&gt;{CEASEFIRE}&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_items_with_their_content_or_their_summary(tmp_path: Path) -> None:
    feed = tmp_path / "world.rss"
    feed.write_text(RSS, encoding="utf-8")
    report = ReadReport()
    talks, sanctions = read.read_documents([feed], on_error=report)
    assert talks.text == TALKS.split(". ")[0] + ".\n\n" + TALKS.split(". ")[1]
    assert (talks.title, talks.date, talks.language) == (
        "Trade talks resume",
        "2023-05-02",
        "en-us",
    )
    assert talks.url == "https://news.example.com/a/talks"
    assert sanctions.text == SANCTIONS and sanctions.date == "2023-05-04"  # in UTC
    assert [str(e) for _, e in report.failed] == [
        f"{feed}#3 <https://news.example.com/a/empty>: entry without text (no content and no "
        "summary)"
    ]


def test_atom_entries_and_feeds_found_by_content(tmp_path: Path) -> None:
    feed = tmp_path / "wire.xml"
    feed.write_text(ATOM, encoding="utf-8")
    other = tmp_path / "sitemap.xml"
    other.write_text('<?xml version="1.0"?><urlset></urlset>', encoding="utf-8")
    (entry,) = read.read_documents([tmp_path])  # the sitemap is no feed: left alone
    assert entry.text == CEASEFIRE and entry.date == "2023-05-05"
    assert entry.id.startswith("urn-uuid-1225c695")
    assert bad(lines([other]))[0].startswith(f"{other}: no entries: not an RSS or Atom")


# --- compression and folders ---------------------------------------------------------------


def test_compressed_corpora_and_articles_read_transparently(tmp_path: Path) -> None:
    records = jsonl({"id": "g-1", "text": TALKS}).encode("utf-8")
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(records))
    (tmp_path / "b.csv.bz2").write_bytes(bz2.compress(f'id,text\nb-1,"{AID}"\n'.encode()))
    (tmp_path / "c.jsonl.zst").write_bytes(
        zstandard.ZstdCompressor().compress(jsonl({"id": "z-1", "text": SANCTIONS}).encode())
    )
    (tmp_path / "d.txt.gz").write_bytes(gzip.compress(CEASEFIRE.encode("utf-8")))
    (tmp_path / "d.json").write_text(json.dumps({"date": "2023-05-05"}), encoding="utf-8")
    documents = list(read.read_documents([tmp_path]))
    assert [(d.id, d.text) for d in documents] == [
        ("g-1", TALKS),
        ("b-1", AID),
        ("z-1", SANCTIONS),
        ("d", CEASEFIRE),
    ]
    assert documents[3].date == "2023-05-05"  # the sidecar of d.txt.gz is d.json


def test_a_corrupt_compressed_file_keeps_what_came_before(tmp_path: Path) -> None:
    data = gzip.compress(jsonl({"id": "k-1", "text": TALKS}, {"id": "k-2", "text": AID}).encode())
    broken = tmp_path / "cut.jsonl.gz"
    broken.write_bytes(data[: len(data) - 12])
    found = lines([broken])
    assert ok(found)[0].startswith(f"{broken}:1: id 'k-1'")
    assert bad(found)[-1].startswith(f"{broken}: cannot read further")


def test_the_same_id_twice_is_an_error_for_the_second(tmp_path: Path) -> None:
    corpus = tmp_path / "dup.jsonl"
    corpus.write_text(jsonl({"id": "x", "text": TALKS}, {"id": "x", "text": AID}), "utf-8")
    assert bad(lines([corpus])) == [
        f"{corpus}:2: same document id 'x' as {corpus}:1; give one of them another id"
    ]


# --- building and checking from the command line -------------------------------------------


def fake_extract(document: Document) -> Extraction:
    extraction = make_extraction(document.id, text=document.text)
    extraction.document = document
    return extraction


def test_building_a_corpus_twice_finds_every_record_unchanged(tmp_path: Path) -> None:
    corpus = tmp_path / "wire.jsonl"
    corpus.write_text(
        jsonl(
            {"id": "b-1", "text": TALKS, "date": "2023-05-02"},
            {"url": "https://example.org/aid", "text": AID},
            {"text": SANCTIONS},
            "broken",
        ),
        encoding="utf-8",
    )
    name = make_extraction().extractor
    with store.open_store(tmp_path / "store") as opened:
        first = build.build([corpus], opened, extract=fake_extract, extractor_name=name)
        assert len(first.written) == 3 and len(first.failed) == 1
        assert first.failed[0][1] == f"{corpus}:4: not valid JSON (Expecting value at column 1)"
        second = build.build([corpus], opened, extract=fake_extract, extractor_name=name)
        assert second.written == [] and sorted(second.unchanged) == sorted(first.written)
        urls = opened.select("SELECT ?u WHERE { ?d <https://schema.org/url> ?u }").rows
        assert [str(row[0]) for row in urls] == ["https://example.org/aid"]


def test_check_reports_each_record_and_build_reads_corpora_in_folders(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "wire.jsonl").write_text(jsonl({"id": "r-1", "text": TALKS}, "{oops"), "utf-8")
    (folder / "feed.rss").write_text(RSS, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "actorgraph", "check", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    out = result.stdout.splitlines()
    assert out[0].startswith(f"{folder / 'feed.rss'}#1 <https://news.example.com/a/talks>: id ")
    assert "RSS/Atom feed record" in out[0]
    assert any(
        line.startswith(f"{folder / 'wire.jsonl'}:1: id 'r-1', JSON Lines record") for line in out
    )
    assert f"failed: {folder / 'wire.jsonl'}:2: not valid JSON" in result.stdout
    assert "text in utf-8" not in result.stdout  # no corpus is taken for one article
