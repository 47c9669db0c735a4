"""Config: one YAML file validated once at load into typed models."""

from digests.config.load import ConfigError, Problem, find_config, load_config, parse_config
from digests.config.models import Channel, Config, Feed, Topic

__all__ = ["Channel", "Config", "ConfigError", "Feed", "Problem", "Topic", "find_config", "load_config", "parse_config"]
