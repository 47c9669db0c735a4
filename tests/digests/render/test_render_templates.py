"""Template loading: the bundled folder, a user's folder over it file by file, one environment per folder."""

from __future__ import annotations

from pathlib import Path

import pytest

import digests
from digests.render import Renderer, render
from digests.render.environment import bundled_templates, environment
from tests.digests.render.render_samples import sample_digest


def test_bundled_templates_ship_inside_the_package() -> None:
    # Inside the package, so a wheel carries them (outside it, an installed sitrep had none).
    assert bundled_templates() == Path(digests.__file__).resolve().parent / "render" / "templates"
    assert (bundled_templates() / "text" / "digest.txt.j2").is_file()


def test_user_folder_overrides_one_template(tmp_path: Path) -> None:
    (tmp_path / "slack").mkdir()
    (tmp_path / "slack" / "figure.md.j2").write_text(
        "{{ group.kind|upper }} {{ group.actor|slack_escape }}:"
        "{% for claim in group.claims %} {{ claim|amount }}{% endfor %}\n"
    )
    message = render(sample_digest(), "slack", templates=tmp_path)[0]
    assert message["blocks"][2]["text"]["text"] == (
        "*Key figures*\nCASUALTIES North Korea: several hundred at least 30\n"
        "DEPLOYED North Korea: ~10,000\nCASUALTIES Russia: ~700,000"
    )
    # Every other template still comes from the bundled folder.
    assert message["blocks"][3]["text"]["text"].startswith("*Quotes*\n>“not a single reason")
    assert render(sample_digest(), "text", templates=tmp_path) == render(sample_digest(), "text")


def test_environment_is_made_once_per_folder(tmp_path: Path) -> None:
    assert environment(tmp_path) is environment(tmp_path)
    assert environment(tmp_path) is not environment(None)
    assert Renderer(tmp_path).env is Renderer(tmp_path).env


def test_filters_are_registered_and_autoescape_is_off() -> None:
    env = environment()
    assert {"slack_escape", "slack_link", "discord_escape", "discord_link", "amount", "claimant"} <= set(env.filters)
    assert env.from_string("{{ '<b>' }}").render() == "<b>"


def test_missing_user_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="templates folder not found"):
        Renderer(tmp_path / "nope")


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format 'html'"):
        Renderer().render(sample_digest(), "html")  # type: ignore[arg-type]
