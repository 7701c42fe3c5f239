"""Where the files that ship with actorgraph live (ontology, knowledge base, queries, lexicons,
trained models).

In a source checkout they are the top-level folders; in a built wheel they are copied under
`actorgraph/_resources/`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from actorgraph.errors import ActorgraphError

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent.parent


def resource(*parts: str) -> Path:
    """Path of a shipped file or folder, e.g. resource("ontology", "actorgraph.ttl")."""
    for root in (_PACKAGE / "_resources", _CHECKOUT):
        candidate = root.joinpath(*parts)
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"actorgraph resource not found: {'/'.join(parts)}")


def ontology_path() -> Path:
    return resource("ontology", "actorgraph.ttl")


def shapes_path() -> Path:
    return resource("ontology", "shapes.ttl")


def kb_dir() -> Path:
    return resource("data", "kb")


def queries_dir() -> Path:
    return resource("queries")


def lexicon_dir() -> Path:
    return resource("data", "lexicon")


def models_dir() -> Path:
    return resource("data", "models")


_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser: ~10x faster


class _UniqueKeyLoader(_SafeLoader):
    """A YAML loader that refuses a key given twice in one mapping, which YAML would let the
    later value silently replace."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                line = key_node.start_mark.line + 1
                raise ActorgraphError(f"{self.name}:{line}: {key!r} is given twice")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def read_yaml(path: Path) -> Any:
    """A shipped YAML file (lexicon), with duplicate keys refused."""
    loader = _UniqueKeyLoader(path.read_text(encoding="utf-8"))
    loader.name = str(path)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
