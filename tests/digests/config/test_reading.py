"""No config file can hang the bot: a size cap, bounded alias expansion, no self-holding documents."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from digests.config import ConfigError, load_config, parse_config
from digests.config.reading import MAX_BYTES, MAX_VALUES

# Ten times ten… : 10**7 values once expanded, from a few hundred bytes.
LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{b}: &{b} [*{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}]\n"
    for a, b in zip("abcdef", "bcdefg", strict=True)
)


def problems(text: str) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        parse_config(text, env={})
    return [str(p) for p in caught.value.problems]


def test_an_alias_bomb_is_refused_at_once() -> None:
    started = time.monotonic()
    assert problems(f"topics:\n  t:\n    match: [North Korea]\n    title: x\n{LAUGHS}") == [
        f"anchors and aliases expand to more than {MAX_VALUES:,} values"
    ]
    assert time.monotonic() - started < 2


def test_a_document_that_holds_itself_is_refused() -> None:
    assert problems("feeds: &f [*f]\n") == ["an alias refers to a node that holds it (the document would never end)"]


def test_anchors_and_aliases_within_bounds_still_work() -> None:
    config = parse_config(
        "topics:\n  a: {match: &terms [Sudan, Darfur]}\n  b: {match: *terms}\n"
        "channels:\n  - &desk {name: one, platform: console, topics: [a]}\n  - {<<: *desk, name: two}\n",
        env={},
    )
    assert (config.topics["b"].match, [c.name for c in config.channels]) == (["Sudan", "Darfur"], ["one", "two"])


def test_a_file_over_the_cap_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "sitrep.yaml"
    path.write_text("# padding\n" * (MAX_BYTES // 10 + 1), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path, env={})
    assert [str(p) for p in caught.value.problems] == [
        f"the file is over {MAX_BYTES:,} bytes, far more than a config needs"
    ]
    with pytest.raises(ConfigError) as endless:
        load_config("/dev/zero", env={})
    assert [str(p) for p in endless.value.problems] == [
        f"the file is over {MAX_BYTES:,} bytes, far more than a config needs"
    ]
