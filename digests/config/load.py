"""Loads one YAML file into a validated Config: environment interpolation, then every error at once by YAML path."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import UnionType
from typing import Any, Union, get_args, get_origin
from urllib.parse import urlsplit
from urllib.request import url2pathname

import yaml
from pydantic import BaseModel, ValidationError

from digests.config.models import Config, cross_check
from digests.config.reading import TooBig, load_yaml, read_text
from digests.config.values import URL_SCHEME, check_database_url

# A check that only the runtime can make (the scheduler builds each schedule), over the interpolated YAML
# so that it runs in the same pass as the others: (YAML path, reason) for each problem.
Check = Callable[[Mapping[str, Any]], Iterable[tuple[str, str]]]

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


def _unwrap(annotation: Any) -> Any:
    """`Slack | None` → Slack: the model behind an optional section."""
    if get_origin(annotation) in (Union, UnionType):
        return next((a for a in get_args(annotation) if a is not type(None)), annotation)
    return annotation


def _keys_at(loc: tuple[Any, ...]) -> list[str]:
    """The keys the config declares at a YAML path (`feeds[0]` → name, url, every…), for suggestions."""
    shape: Any = Config
    for part in loc:
        if isinstance(shape, type) and issubclass(shape, BaseModel):
            field = shape.model_fields.get(str(part))
            if field is None:
                return []
            shape = _unwrap(field.annotation)
        else:  # a list index or a mapping's own key (a topic's name): step into its items
            args = get_args(shape)
            if not args:
                return []
            shape = _unwrap(args[-1])
    return list(shape.model_fields) if isinstance(shape, type) and issubclass(shape, BaseModel) else []


def _reason(error: Mapping[str, Any]) -> str:
    message = str(error["msg"])
    if error["type"] == "extra_forbidden":
        loc = tuple(error["loc"])
        nearest = difflib.get_close_matches(str(loc[-1]), _keys_at(loc[:-1]), n=1, cutoff=0.6)
        return f"unknown key (did you mean `{nearest[0]}`?)" if nearest else "unknown key"
    if error["type"] == "missing":
        return "required key is missing"
    return message.removeprefix("Value error, ")


def parse_config(
    text: str, source: str = "<config>", env: Mapping[str, str] | None = None, checks: Sequence[Check] = ()
) -> Config:
    """Validate YAML text; raise ConfigError listing every problem."""
    try:
        raw = load_yaml(text)
    except TooBig as exc:
        raise ConfigError(source, [Problem("", str(exc))]) from None
    except RecursionError:
        raise ConfigError(source, [Problem("", "not valid YAML: nested too deeply")]) from None
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
    try:
        data = _drop_unset(_interpolate(raw, os.environ if env is None else env, (), problems))
    except RecursionError:
        raise ConfigError(source, [Problem("", "not valid YAML: nested too deeply")]) from None
    config: Config | None = None
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            problems.append(Problem(format_path(tuple(error["loc"])), _reason(error)))
    # Cross-references and the caller's checks read the YAML as written, so they are reported in the same
    # pass as the schema's errors; one problem a path (an unset variable says more than "missing").
    seen = {p.path for p in problems}
    for check in (cross_check, *checks):
        for path, reason in check(data):
            if path not in seen:
                problems.append(Problem(path, reason))
                seen.add(path)
    if problems:
        raise ConfigError(source, problems)
    assert config is not None
    return config


# Looked for in the current folder when neither --config nor $SITREP_CONFIG names a file, in this order.
CANDIDATES = ("sitrep.yaml", "sitrep.yml")


def find_config(path: str | Path | None, env: Mapping[str, str] | None = None) -> Path | None:
    """The config file a command uses: PATH, else $SITREP_CONFIG, else ./sitrep.yaml or ./sitrep.yml;
    None when there is none (the built-in defaults apply)."""
    env = os.environ if env is None else env
    if path is not None:
        return Path(path)
    if env.get("SITREP_CONFIG"):
        return Path(env["SITREP_CONFIG"])
    return next((Path(name) for name in CANDIDATES if Path(name).is_file()), None)


def looked_for() -> str:
    """Where find_config() looked, for a message that says no config was found."""
    return f"--config PATH, $SITREP_CONFIG, {' and '.join(str(Path.cwd() / n) for n in CANDIDATES)}"


def load_config(path: str | Path | None, env: Mapping[str, str] | None = None, checks: Sequence[Check] = ()) -> Config:
    """Load PATH; None means the file find_config() finds, else built-in defaults (no feeds, no channels)."""
    env = os.environ if env is None else env
    path = find_config(path, env)
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
        config = parse_config(text, str(file), env, (*checks, _feed_files(file.parent)))
        config = _resolve_paths(config, file.parent)
    if env.get("SITREP_DB"):
        try:
            check_database_url(env["SITREP_DB"])
        except ValueError as exc:
            raise ConfigError("$SITREP_DB", [Problem("", str(exc))]) from None
        config = config.model_copy(update={"database": env["SITREP_DB"]})
    return config


def _feed_files(base: Path) -> Check:
    """A local feed path must name a file, read relative to the current folder or to the config file's."""

    def check(data: Mapping[str, Any]) -> Iterable[tuple[str, str]]:
        feeds = data.get("feeds")
        for i, feed in enumerate(feeds if isinstance(feeds, list) else []):
            url = feed.get("url") if isinstance(feed, Mapping) else None
            if not isinstance(url, str) or not url.strip():
                continue
            scheme = URL_SCHEME.match(url)
            if scheme is not None and scheme.group("scheme").lower() != "file":
                continue
            path = Path(url2pathname(urlsplit(url).path)) if scheme else Path(url).expanduser()
            if not path.exists() and not (base / path).exists():
                where = "" if path.is_absolute() else f" (looked in {Path.cwd()} and {base.resolve()})"
                yield f"feeds[{i}].url", f"no such file: {url}{where}"

    return check


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
