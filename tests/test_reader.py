"""Reading articles: every kind of bad input ends in one clear line naming the file, and a batch
goes on past it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from actorgraph import reader
from actorgraph.errors import InputError
from actorgraph.reader import ReadReport, SkippedDocument

ENGLISH = (
    "The foreign minister of France met her German counterpart in Berlin on Monday to discuss "
    "the war in Ukraine. Both ministers said that their governments would keep supporting Kyiv "
    "and called for new talks on energy supplies. A spokesperson for the chancellor said the "
    "meeting had been constructive and that a joint statement would follow later this week."
)
ACCENTED = "Señor García met Zürich officials at the Café Müller. " + ENGLISH
GERMAN = (
    "Der Bundeskanzler traf am Montag den französischen Präsidenten in Berlin, um über die Lage "
    "in der Ukraine zu sprechen. Beide Politiker betonten die Bedeutung der Zusammenarbeit in "
    "Europa und kündigten weitere Gespräche über Energie und Sicherheit an."
)
PAGE = """<!DOCTYPE html>
<html><head><title>Ministers meet in Berlin</title>
<meta property="article:published_time" content="2023-03-06T09:00:00Z">
<script>var tracking = "do not read me";</script><style>p { color: red }</style></head>
<body><div id="menu"><a href="/">Home</a> | <a href="/world">World</a> |
<a href="/sport">Sport</a></div>
<div id="side">{links}</div>
<div id="content"><h1>Ministers meet in Berlin</h1>{paras}</div>
<div id="footer">Copyright 2023 Example News. All rights reserved. Privacy | Terms</div>
</body></html>"""


def page(text: str = ENGLISH) -> str:
    links = "".join(
        f"<div><a href='/r{i}'>Related story {i} on markets</a></div>" for i in range(12)
    )
    paras = "".join(f"<p>{s.strip()}.</p>" for s in text.split(".") if s.strip())
    return PAGE.replace("{links}", links).replace("{paras}", paras)


def write(folder: Path, name: str, content: str | bytes, meta: dict | str | None = None) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    if meta is not None:
        sidecar = path.with_suffix(".json")
        sidecar.write_text(meta if isinstance(meta, str) else json.dumps(meta), encoding="utf-8")
    return path


def error_of(path: Path, **kwargs) -> str:
    with pytest.raises(InputError) as caught:
        reader.read_document(path, **kwargs)
    message = str(caught.value)
    assert "\n" not in message
    return message


# --- encodings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ACCENTED.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + ACCENTED.encode("utf-8"), "utf-8"),
        (ACCENTED.encode("utf-16"), "utf-16"),
        (b"\xfe\xff" + ACCENTED.encode("utf-16-be"), "utf-16"),
        (ACCENTED.encode("utf-32"), "utf-32"),
        (ACCENTED.encode("latin-1"), "cp1252"),
        (("“Quoted” – " + ACCENTED).encode("cp1252"), "cp1252"),
    ],
)
def test_encodings_are_decoded_and_recorded(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = write(tmp_path, "a.txt", data)
    decoded = reader.read_text(path)
    assert decoded.encoding == encoding
    assert decoded.text.endswith(ACCENTED)
    assert "\ufeff" not in decoded.text
    assert reader.read_document(path).text == decoded.text


def test_undecodable_text_falls_back_to_a_detected_encoding(tmp_path: Path) -> None:
    # 0x81 is undefined in Windows-1252, so neither UTF-8 nor cp1252 can read this
    path = write(tmp_path, "a.txt", ENGLISH.encode("ascii") + b" \x81")
    decoded = reader.read_text(path)
    assert decoded.text.startswith(ENGLISH)
    assert decoded.encoding not in ("utf-8", "cp1252")


def test_bad_utf16_after_a_byte_order_mark_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00\xd8")
    assert "byte-order mark" in error_of(path)


# --- files that are not articles -----------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.txt", b"")
    assert error_of(path) == f"{path}: empty file"


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = write(tmp_path, "blank.txt", "  \n\t\n  ")
    assert error_of(path) == f"{path}: no text (only whitespace)"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"abc\x00def" * 100, "NUL bytes"),
        (bytes(range(1, 32)) * 40, "control characters"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"PK\x03\x04" + b"\x14" * 40, "ZIP"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "PNG"),
        (os.urandom(4096).replace(b"\x00", b"\x01"), "binary"),
    ],
)
def test_binary_files_are_refused(tmp_path: Path, data: bytes, words: str) -> None:
    path = write(tmp_path, "x.txt", data)
    message = error_of(path)
    assert message.startswith(f"{path}: ")
    assert words in message


def test_size_limit_refuses_before_reading(tmp_path: Path, monkeypatch) -> None:
    path = write(tmp_path, "big.txt", b"word " * 300_000)  # 1.5 MB
    reads: list[int] = []
    real_read = reader.os.fdopen

    def counting_fdopen(*args, **kwargs):
        handle = real_read(*args, **kwargs)
        original = handle.read

        def read(n: int = -1) -> bytes:
            reads.append(n)
            return original(n)

        handle.read = read  # type: ignore[method-assign]
        return handle

    monkeypatch.setattr(reader.os, "fdopen", counting_fdopen)
    message = error_of(path, max_bytes=1024 * 1024)
    assert message == f"{path}: 1.4 MB is over the limit of 1 MB (raise it with --max-bytes)"
    assert reads == []  # refused from the file size alone


def test_size_limit_can_be_raised(tmp_path: Path) -> None:
    text = (ENGLISH + "\n") * 4000  # about 1.4 MB
    path = write(tmp_path, "big.txt", text)
    with pytest.raises(InputError, match="over the limit"):
        reader.read_document(path, max_bytes=1024 * 1024)
    assert reader.read_document(path, max_bytes=2 * 1024 * 1024).text == text


def test_reading_never_takes_more_than_the_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", b"x" * 5000)
    assert len(reader.read_bytes(path, 5000)) == 5000
    with pytest.raises(InputError, match="over the limit"):
        reader.read_bytes(path, 4999)


def test_default_limit_is_ten_megabytes() -> None:
    assert reader.DEFAULT_MAX_BYTES == 10 * 1024 * 1024


def test_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        reader.find_articles([fifo])
    assert list(reader.iter_articles([tmp_path])) == []  # skipped in folders


def test_unreadable_file(tmp_path: Path, monkeypatch) -> None:
    path = write(tmp_path, "secret.txt", ENGLISH)
    real_open = os.open

    def refusing_open(target, *args, **kwargs):
        if Path(target) == path:
            raise PermissionError(13, "Permission denied", str(target))
        return real_open(target, *args, **kwargs)

    monkeypatch.setattr(reader.os, "open", refusing_open)
    assert error_of(path) == f"{path}: permission denied"


# --- HTML ----------------------------------------------------------------------------------


def test_html_page_gives_its_article_text_title_and_date(tmp_path: Path) -> None:
    path = write(tmp_path, "berlin.html", page())
    document = reader.read_document(path)
    assert "foreign minister of France met her German counterpart" in document.text
    assert "joint statement would follow" in document.text
    for boilerplate in ("Related story", "Copyright", "tracking", "color: red", "Sport"):
        assert boilerplate not in document.text
    assert document.title == "Ministers meet in Berlin"
    assert document.date == "2023-03-06"
    assert document.id == "berlin"


def test_sidecar_wins_over_html_metadata(tmp_path: Path) -> None:
    path = write(tmp_path, "b.htm", page(), meta={"title": "Given", "date": "2023-03-07"})
    document = reader.read_document(path)
    assert (document.title, document.date) == ("Given", "2023-03-07")


def test_html_content_in_a_txt_file_is_recognised(tmp_path: Path) -> None:
    path = write(tmp_path, "saved.txt", "\n  <!-- saved page -->\n" + page())
    document = reader.read_document(path)
    assert "<" not in document.text
    assert "German counterpart" in document.text


def test_text_mentioning_html_tags_stays_text(tmp_path: Path) -> None:
    text = "Officials said the <script> tag was found on the site. " + ENGLISH
    path = write(tmp_path, "a.txt", text)
    assert reader.read_document(path).text == text


def test_html_page_without_article_text_is_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path, "empty.html", "<html><head><script>x()</script></head><body></body></html>"
    )
    assert error_of(path) == f"{path}: HTML page without article text"


# --- language ------------------------------------------------------------------------------


def test_non_english_text_is_skipped_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "de.txt", GERMAN)
    with pytest.raises(SkippedDocument, match=r"looks 'de', not English"):
        reader.read_document(path)


def test_declared_language_is_trusted(tmp_path: Path) -> None:
    declared_fr = write(tmp_path, "fr.txt", ENGLISH, meta={"language": "fr"})
    with pytest.raises(SkippedDocument, match="declared"):
        reader.read_document(declared_fr)
    declared_en = write(tmp_path, "en.txt", ENGLISH, meta={"language": "en-GB"})
    assert reader.read_document(declared_en).language == "en-GB"


def test_detected_english_is_recorded_and_short_texts_are_not_judged(tmp_path: Path) -> None:
    assert reader.read_document(write(tmp_path, "en.txt", ENGLISH)).language == "en"
    short = reader.read_document(write(tmp_path, "short.txt", "Putin traf Lukaschenko."))
    assert short.language is None


def test_language_guess_is_deterministic() -> None:
    from actorgraph import language

    mixed = ENGLISH[:150] + " " + GERMAN[:150]
    guesses = {language.guess(mixed) for _ in range(5)}
    assert len(guesses) == 1


FOREIGN = {
    "fr": "Le ministre des affaires étrangères a reçu mardi son homologue italien à Paris pour "
    "parler des élections et du commerce entre les deux pays. Ils ont promis de se revoir avant "
    "la fin de l'année afin de signer un accord sur les transports.",
    "es": "El presidente del gobierno viajó el jueves a Lisboa para reunirse con el primer "
    "ministro portugués. Ambos dirigentes hablaron de la energía, de la pesca y de la frontera "
    "común, y anunciaron una cumbre conjunta para el próximo otoño.",
    "ru": "В среду министр обороны встретился с послом соседней страны в столице. Стороны "
    "обсудили учения у границы и договорились продолжить переговоры после праздников, "
    "сообщила пресс-служба министерства.",
    "zh": "外交部长星期三在首都会见了邻国大使，双方讨论了边境贸易和交通问题，并同意在年底前"
    "再次举行会谈。发言人表示，会谈气氛友好，两国将继续加强合作，共同维护地区的和平与稳定。"
    "外交部长还邀请对方于明年春天访问首都，参加经济论坛并签署新的合作协议。"
    "双方还同意设立一个联合工作组，定期交流农业、能源和旅游方面的信息，推动两国人民之间的往来。",
}


@pytest.mark.parametrize("code", sorted(FOREIGN))
def test_articles_in_other_languages_are_skipped_naming_the_language(
    tmp_path: Path, code: str
) -> None:
    path = write(tmp_path, f"{code}.txt", FOREIGN[code])
    with pytest.raises(SkippedDocument, match=rf"looks '{code}', not English"):
        reader.read_document(path)


def test_english_full_of_foreign_names_is_english(tmp_path: Path) -> None:
    text = (
        "Volodymyr Zelenskyy and Olaf Scholz met Emmanuel Macron, Giorgia Meloni and Recep "
        "Tayyip Erdoğan in Chișinău, where Maia Sandu welcomed them. " + ENGLISH
    )
    assert reader.read_document(write(tmp_path, "names.txt", text)).language == "en"


def test_the_language_is_judged_on_the_start_of_a_long_text(tmp_path: Path) -> None:
    from actorgraph import language

    english_first = (ENGLISH + " ") * 4 + (GERMAN + " ") * 40
    assert len(ENGLISH * 4) > language.SAMPLE_CHARS * 1.2  # the German part is not read
    assert reader.read_document(write(tmp_path, "long.txt", english_first)).language == "en"
    german_first = (GERMAN + " ") * 8 + (ENGLISH + " ") * 40
    with pytest.raises(SkippedDocument, match=r"looks 'de'"):
        reader.read_document(write(tmp_path, "lang.txt", german_first))


def test_the_language_model_is_the_packaged_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """Guessing loads the model shipped in the package: no connection is ever opened."""
    import socket

    from actorgraph import language

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a connection was attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    language._detector.cache_clear()
    language._guess.cache_clear()
    found = language.guess(GERMAN)
    assert found is not None and found.code == "de" and found.english < 0.1
    assert language.is_foreign(ENGLISH) is None


# --- sidecars and dates --------------------------------------------------------------------


def test_sidecar_metadata(tmp_path: Path) -> None:
    meta = {"title": "T", "date": "2022-12-19", "source": "S", "language": "en", "extra": [1]}
    document = reader.read_document(write(tmp_path, "a.txt", ENGLISH, meta=meta))
    assert (document.title, document.date, document.source, document.language) == (
        "T",
        "2022-12-19",
        "S",
        "en",
    )


def test_sidecar_date_time_is_reduced_to_a_date(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", ENGLISH, meta={"date": "2022-12-19T08:30:00Z"})
    assert reader.read_document(path).date == "2022-12-19"


@pytest.mark.parametrize(
    ("meta", "message"),
    [
        (
            '{"title": "x", ',
            "broken metadata JSON (Expecting property name enclosed in double quotes",
        ),
        ("[1, 2]", "metadata must be a JSON object"),
        ('{"date": "2022-13-45"}', "'date': impossible date '2022-13-45' (expected YYYY-MM-DD)"),
        ('{"date": "yesterday"}', "'date': impossible date 'yesterday' (expected YYYY-MM-DD)"),
        ('{"date": 20221219}', "'date' must be a string, not int"),
        ('{"title": ["a"]}', "'title' must be a string, not list"),
    ],
)
def test_bad_sidecars(tmp_path: Path, meta: str, message: str) -> None:
    path = write(tmp_path, "a.txt", ENGLISH, meta=meta)
    error = error_of(path)
    assert error.startswith(f"{path.with_suffix('.json')}: {message}")


def test_sidecar_in_another_encoding(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", ENGLISH)
    path.with_suffix(".json").write_bytes('{"title": "Zürich"}'.encode("latin-1"))
    assert "not UTF-8 JSON" in error_of(path)


@pytest.mark.parametrize("bad", ["2022-13-45", "yesterday", "2022-02-30", "", "19/12/2022"])
def test_impossible_date_option(tmp_path: Path, bad: str) -> None:
    path = write(tmp_path, "a.txt", ENGLISH)
    with pytest.raises(InputError) as caught:
        list(reader.read_documents([path], date=bad, on_error=ReadReport()))
    assert str(caught.value) == f"--date: impossible date {bad!r} (expected YYYY-MM-DD)"


def test_date_option_overrides_sidecar(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", ENGLISH, meta={"date": "2022-01-01"})
    [document] = reader.read_documents([path], date="2022-12-19")
    assert document.date == "2022-12-19"


# --- folders and batches -------------------------------------------------------------------


def test_folder_lists_articles_sorted_without_recursion(tmp_path: Path) -> None:
    for name in ("b.txt", "a.html", "C.htm", "d.TXT", "notes.md", ".hidden.txt", "a.json"):
        write(tmp_path, name, ENGLISH)
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "deep.txt", ENGLISH)
    found = [p.name for p in reader.find_articles([tmp_path])]
    assert found == ["C.htm", "a.html", "b.txt", "d.TXT"]


def test_explicit_files_are_taken_once_and_sidecars_passed_over(tmp_path: Path) -> None:
    article = write(tmp_path, "a.txt", ENGLISH, meta={"title": "T"})
    notes = write(tmp_path, "notes.md", ENGLISH)
    found = reader.find_articles([article, article.with_suffix(".json"), notes, tmp_path])
    assert found == [article, notes]


def test_lonely_json_file_is_refused(tmp_path: Path) -> None:
    lonely = write(tmp_path, "x.json", "{}")
    with pytest.raises(InputError, match="metadata of the article"):
        reader.find_articles([lonely])


def test_symlink_loop_and_broken_link(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    broken = tmp_path / "broken.txt"
    broken.symlink_to(tmp_path / "nowhere.txt")
    good = write(tmp_path, "good.txt", ENGLISH)
    folder_loop = tmp_path / "self"
    folder_loop.symlink_to(tmp_path)  # a folder link back to itself: not followed, no recursion
    report = ReadReport()
    documents = list(reader.read_documents([tmp_path, loop], on_error=report))
    assert [d.path for d in documents] == [str(good)]
    assert report.lines() == [
        f"failed: {broken}: broken symbolic link",
        f"failed: {loop}: symbolic link loop",
        f"failed: {loop}: symbolic link loop",
    ]


def test_missing_path_raises_without_handler(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or directory"):
        list(reader.read_documents([tmp_path / "nope"]))


def test_one_bad_file_never_stops_a_batch(tmp_path: Path) -> None:
    good = [write(tmp_path, f"{i:02d}-good.txt", ENGLISH) for i in range(3)]
    write(tmp_path, "00-empty.txt", b"")
    write(tmp_path, "01-binary.txt", b"\x00\x01" * 100)
    write(tmp_path, "01-german.txt", GERMAN)
    write(tmp_path, "02-baddate.txt", ENGLISH, meta={"date": "2022-13-45"})
    write(tmp_path, "02-broken.txt", ENGLISH, meta="{oops")
    report = ReadReport()
    documents = list(reader.read_documents([tmp_path, tmp_path / "missing.txt"], on_error=report))
    assert [d.path for d in documents] == [str(p) for p in good]
    assert [p.name for p, _ in report.failed] == [
        "00-empty.txt",
        "01-binary.txt",
        "02-baddate.txt",
        "02-broken.txt",
        "missing.txt",
    ]
    assert [p.name for p, _ in report.skipped] == ["01-german.txt"]
    assert all("\n" not in line for line in report.lines())


def test_without_handler_the_first_error_is_raised(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ENGLISH)
    write(tmp_path, "b.txt", b"")
    documents = reader.read_documents([tmp_path])
    assert next(documents).id == "a"
    with pytest.raises(InputError, match="empty file"):
        next(documents)


def test_same_document_id_twice_is_an_error_for_the_second(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    first = write(tmp_path, "report.txt", ENGLISH)
    second = write(tmp_path / "x", "report.txt", ENGLISH)
    third = write(tmp_path, "report.html", page())
    report = ReadReport()
    documents = list(reader.read_documents([first, second, third], on_error=report))
    assert [d.path for d in documents] == [str(first)]
    assert [p for p, _ in report.failed] == [second, third]
    assert "same document id 'report'" in report.lines()[0]


def test_thousands_of_files_are_read_lazily(tmp_path: Path, monkeypatch) -> None:
    for i in range(3000):
        (tmp_path / f"{i:05d}.txt").write_text(f"Item {i}.", encoding="utf-8")
    opened: list[str] = []
    real_read_text = reader.read_text

    def tracking(path: Path, max_bytes: int = reader.DEFAULT_MAX_BYTES):
        opened.append(path.name)
        return real_read_text(path, max_bytes)

    monkeypatch.setattr(reader, "read_text", tracking)
    documents = reader.read_documents([tmp_path])
    first = [next(documents) for _ in range(3)]
    assert [d.id for d in first] == ["00000", "00001", "00002"]
    assert opened == ["00000.txt", "00001.txt", "00002.txt"]
    rest = list(documents)
    assert len(rest) == 2997 and rest[-1].id == "02999"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("2022-12-19-putin-visits-belarus.txt", "2022-12-19-putin-visits-belarus"),
        ("Ünïcode name (1).txt", "Unicode-name-1"),
        ("..txt", "document"),
        ("....html", "document"),
        ("a/../../etc/passwd.txt", "passwd"),
    ],
)
def test_document_id_is_iri_safe(name: str, expected: str) -> None:
    doc_id = reader.document_id(Path(name))
    assert doc_id == expected
    assert "/" not in doc_id and ".." not in doc_id


# --- the `actorgraph check` command and sizes ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "size"),
    [("1048576", 1048576), ("512k", 512 * 1024), ("20MB", 20 * 1024**2), ("1.5 GiB", 1610612736)],
)
def test_parse_size(text: str, size: int) -> None:
    assert reader.parse_size(text) == size


@pytest.mark.parametrize("text", ["lots", "-5", "0", "10 TB", ""])
def test_parse_size_refuses_nonsense(text: str) -> None:
    with pytest.raises(InputError, match="--max-bytes"):
        reader.parse_size(text)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "actorgraph", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_command_reports_every_file_in_order(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ACCENTED.encode("cp1252"))
    write(tmp_path, "b.txt", b"")
    write(tmp_path, "c.html", page(), meta={"date": "2023-03-07"})
    write(tmp_path, "d.txt", GERMAN)
    write(tmp_path, "e.txt", b"x" * 3000)
    result = run_cli("check", str(tmp_path), "--max-bytes", "2k")
    lines = result.stdout.splitlines()
    assert result.returncode == 1
    assert result.stderr == ""
    assert lines[0] == (
        f"{tmp_path}/a.txt: id 'a', text in cp1252, {len(ACCENTED)} characters, "
        "language en, date unknown"
    )
    assert lines[1] == f"failed: {tmp_path}/b.txt: empty file"
    assert lines[2].startswith(f"{tmp_path}/c.html: id 'c', HTML page in utf-8, ")
    assert lines[2].endswith("language en, date 2023-03-07")
    assert lines[3].startswith(f"skipped: {tmp_path}/d.txt: text looks 'de', not English")
    assert lines[4] == (
        f"failed: {tmp_path}/e.txt: 2.9 KB is over the limit of 2 KB (raise it with --max-bytes)"
    )
    assert len(lines) == 5


def test_check_command_succeeds_on_good_files(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ENGLISH)
    result = run_cli("check", str(tmp_path / "a.txt"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{tmp_path}/a.txt: id 'a', text in utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "2022-13-45"], "actorgraph: error: --date: impossible date '2022-13-45'"),
        (["--max-bytes", "lots"], "actorgraph: error: --max-bytes: not a size: 'lots'"),
    ],
)
def test_check_command_bad_options_are_one_line(tmp_path: Path, args, message: str) -> None:
    write(tmp_path, "a.txt", ENGLISH)
    result = run_cli("check", str(tmp_path), *args)
    assert result.returncode == 2
    assert result.stderr.startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1


PEAK_MEMORY = """
import sys
from pathlib import Path
from actorgraph import reader
from actorgraph.errors import InputError
try:
    reader.read_document(Path(sys.argv[1]), max_bytes=int(sys.argv[2]))
except InputError as error:
    print(error)
status = Path("/proc/self/status").read_text().splitlines()
print(next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) // 1024)  # MB
"""


def test_a_100_megabyte_file_is_refused_within_bounded_memory(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: takes no disk space
    result = subprocess.run(
        [sys.executable, "-c", PEAK_MEMORY, str(big), str(reader.DEFAULT_MAX_BYTES)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    message, peak = result.stdout.splitlines()
    assert message == f"{big}: 100 MB is over the limit of 10 MB (raise it with --max-bytes)"
    assert int(peak) < 60  # megabytes: the file was never read
