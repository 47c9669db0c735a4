"""The bot's own HTTP endpoints, served in every mode: /metrics, /healthz, /readyz and, with `web.token`,
the read-only /status page. Slack's HTTP mode serves them beside /slack/events; otherwise a server of their own."""

from bot.web.server import WebServer, ops_routes, watch_loop_lag, web_server

__all__ = ["WebServer", "ops_routes", "watch_loop_lag", "web_server"]
