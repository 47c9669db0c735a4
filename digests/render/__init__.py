"""Rendering digests for people: Jinja2 templates turned into console text, Slack blocks, Discord embeds."""

from digests.render.amounts import describe_amount
from digests.render.renderer import FORMATS, Format, Renderer, render

__all__ = ["FORMATS", "Format", "Renderer", "describe_amount", "render"]
