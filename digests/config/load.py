"""Loads one YAML file into a validated Config: environment interpolation, then every error at once by YAML path."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from digests.config.models import Config, cross_check
from digests.config.reading import TooBig, load_yaml, read_text

# ${VAR} or ${VAR:-default}; the default may be empty.
_ENV = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")


@dataclass(frozen=True)
class Problem:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}" if self.path else self.reason


class ConfigError(Exception):
    """A config that can't be used; carries every problem found, each with its YAML path."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: {len(problems)} problem(s)\n" + "\n".join(f"  {p}" for p in problems))


def format_path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _interpolate(node: Any, env: Mapping[str, str], loc: tuple[Any, ...], problems: list[Problem]) -> Any:
    if isinstance(node, dict):
        return {k: _interpolate(v, env, (*loc, k), problems) for k, v in node.items()}
    if isinstance(node, list):
        return [_interpolate(v, env, (*loc, i), problems) for i, v in enumerate(node)]
    if not isinstance(node, str) or "${" not in node:
        return node

    def replace(match: re.Match[str]) -> str:
        name, default = match.group(1), match.group(2)
        if name in env and env[name] != "":
            return env[name]
        if default is not None:
            return default
        problems.append(Problem(format_path(loc), f"environment variable {name} is not set"))
        return ""

    value = _ENV.sub(replace, node)
    # A value that was only a variable and came out empty means "not set": let the key take its default.
    return _UNSET if value == "" and _ENV.fullmatch(node) else value


class _Unset:
    """Marks a key whose whole value was an unset variable; the key is dropped so its default applies.
    (A YAML null is kept: `Gaza:` left over from a stray comma must still be reported as an unknown key.)"""


_UNSET = _Unset()


def _drop_unset(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _drop_unset(v) for k, v in node.items() if v is not _UNSET}
    if isinstance(node, list):
        return [_drop_unset(v) for v in node if v is not _UNSET]
    return node


def _reason(error: Mapping[str, Any]) -> str:
    message = str(error["msg"])
    if error["type"] == "extra_forbidden":
        return "unknown key"
    if error["type"] == "missing":
        return "required key is missing"
    return message.removeprefix("Value error, ")


def parse_config(text: str, source: str = "<config>", env: Mapping[str, str] | None = None) -> Config:
    """Validate YAML text; raise ConfigError listing every problem."""
    try:
        raw = load_yaml(text)
    except TooBig as exc:
        raise ConfigError(source, [Problem("", str(exc))]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(source, [Problem("", f"not valid YAML: {where}{problem}")]) from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ConfigError(source, [Problem("", "the file must hold a mapping of keys (database, feeds, ...)")])
    problems: list[Problem] = []
    data = _drop_unset(_interpolate(raw, os.environ if env is None else env, (), problems))
    config: Config | None = None
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            problems.append(Problem(format_path(tuple(error["loc"])), _reason(error)))
    if config is not None:
        problems.extend(Problem(path, reason) for path, reason in cross_check(config))
    if problems:
        raise ConfigError(source, problems)
    assert config is not None
    return config


def load_config(path: str | Path | None, env: Mapping[str, str] | None = None) -> Config:
    """Load PATH; None means $SITREP_CONFIG, else ./sitrep.yaml, else built-in defaults (no feeds, no channels)."""
    env = os.environ if env is None else env
    if path is None:
        path = env.get("SITREP_CONFIG") or ("sitrep.yaml" if Path("sitrep.yaml").exists() else None)
    if path is None:
        config = Config()
    else:
        file = Path(path)
        try:
            text = read_text(file)
        except OSError as exc:
            raise ConfigError(str(file), [Problem("", f"cannot read: {exc.strerror or exc}")]) from None
        except TooBig as exc:
            raise ConfigError(str(file), [Problem("", str(exc))]) from None
        except UnicodeDecodeError as exc:
            raise ConfigError(str(file), [Problem("", f"not UTF-8 text (byte {exc.start})")]) from None
        config = parse_config(text, str(file), env)
        config = _resolve_paths(config, file.parent)
    if env.get("SITREP_DB"):
        config = config.model_copy(update={"database": env["SITREP_DB"]})
    return config


def _resolve_paths(config: Config, base: Path) -> Config:
    """Local feed paths and the templates folder are read relative to the current folder first,
    then to the config file's folder, so `--config elsewhere/x.yaml` still finds its files."""
    feeds = []
    for feed in config.feeds:
        if "://" not in feed.url and not Path(feed.url).exists() and (base / feed.url).exists():
            feed = feed.model_copy(update={"url": str(base / feed.url)})
        feeds.append(feed)
    templates = config.templates
    if templates is not None and not templates.exists() and (base / templates).exists():
        templates = base / templates
    return config.model_copy(update={"feeds": feeds, "templates": templates})
