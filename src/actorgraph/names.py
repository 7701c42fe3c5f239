"""Name normalisation: slugs for IRIs and keys for comparing surface forms of names."""

from __future__ import annotations

import re
import unicodedata

_POSSESSIVE = re.compile(r"(['’][sS]?)+$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


def ascii_fold(text: str) -> str:
    """`text` with accents stripped and typographic quotes made plain."""
    text = text.replace("’", "'").replace("‘", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode("ascii")


def slug(text: str) -> str:
    """Lower-case ASCII with runs of other characters as "-" (the IRI rule for names)."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-")


def clean_name(text: str) -> str:
    """A surface form without a leading "the", a trailing possessive or extra whitespace."""
    text = " ".join(text.split())
    text = _POSSESSIVE.sub("", _LEADING_THE.sub("", text)).strip(" ,;:\"'“”")
    return text if "." in text[:-1] else text.rstrip(".")  # keep the dot of "U.S."


def name_key(text: str) -> str:
    """The form two names are compared in: case, accents, "the", possessives and punctuation
    ignored ("the Kremlin's" and "Kremlin" have the same key)."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_fold(clean_name(text)).lower()).split())


# Head words of the names of waters, which no one governs ("the Black Sea", "the Gulf of X").
WATERS = frozenset({"sea", "ocean", "gulf", "bay", "strait", "straits", "river", "lake",
                    "channel", "sound", "lagoon", "estuary", "bight"})  # fmt: skip


def water_name(name: str) -> bool:
    """Whether a name is that of a sea, river or lake ("Black Sea", "Sea of Azov")."""
    words = name.lower().split()
    return bool(words) and (
        words[-1] in WATERS or (len(words) > 2 and words[1] == "of" and words[0] in WATERS)
    )
