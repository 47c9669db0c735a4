"""What a failed Slack call means for a delivery: a PublishError whose reason tells a person what to do."""

from __future__ import annotations

import logging

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.publish import PublishError
from digests.config.models import Channel

log = logging.getLogger("sitrep.slack")

# Slack's answers that no retry can fix; each says what the admin has to change.
PERMANENT = {
    "not_in_channel": "invite the bot to {where} with /invite @{bot}",
    "channel_not_found": "the bot cannot see {where}: check the channel id in the config, and invite the bot "
    "if the channel is private",
    "is_archived": "{where} is archived: unarchive it or point the config at another channel",
    "invalid_auth": "Slack rejected slack.bot_token: use the app's Bot User OAuth Token (xoxb-…)",
    "not_authed": "no bot token was sent: set slack.bot_token",
    "account_inactive": "the bot user or its workspace was deactivated: reinstall the app",
    "token_revoked": "the bot token was revoked (was the app uninstalled?): reinstall it and update slack.bot_token",
    "missing_scope": "the app lacks the {needed} scope: add it (see `sitrep slack manifest`) and reinstall the app",
}
# Errors Slack itself calls temporary; the post may or may not have landed, so resend() checks first.
TRANSIENT = {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"}
# What a Web API call can raise: Slack's refusals (SlackApiError is a SlackClientError) and the network's.
CALL_ERRORS = (SlackClientError, aiohttp.ClientError, TimeoutError, OSError)


def publish_error(exc: BaseException, channel: Channel, *, bot: str = "sitrep") -> PublishError:
    """Classify a failed Web API call made for `channel`, and log it once with its detail."""
    where = f"#{channel.name} ({channel.id})"
    if isinstance(exc, SlackApiError):
        status = exc.response.status_code
        data = exc.response.data if isinstance(exc.response.data, dict) else {}
        code = str(data.get("error") or f"http_{status}")
        if code in PERMANENT:
            needed = data.get("needed") or "needed"
            reason = f"{code}: " + PERMANENT[code].format(where=where, bot=bot, needed=needed)
            log.error("slack: posting to %s failed for good: %s", where, reason)
            return PublishError(reason, permanent=True)
        if status == 429 or status >= 500 or code in TRANSIENT:
            reason = f"{code}: Slack answered HTTP {status}; the delivery stays pending and is checked before a retry"
            log.warning("slack: posting to %s failed for now: %s", where, reason)
            return PublishError(reason, permanent=False)
        # Any other refusal (invalid_blocks, msg_too_long…) is about this message: sending it again won't help.
        reason = f"{code}: Slack refused the message for {where}"
        log.error("slack: %s (%s)", reason, data)
        return PublishError(reason, permanent=True)
    # A lost connection says nothing about whether Slack got the post: leave it pending for resend().
    reason = f"could not reach Slack ({type(exc).__name__}: {exc}); the delivery stays pending"
    log.warning("slack: posting to %s: %s", where, reason)
    return PublishError(reason, permanent=False)


# What apps.connections.open answers for an app-level token it will never take.
APP_TOKEN_REFUSALS = {
    "invalid_auth": "Slack rejected slack.app_token: use an app-level token (xapp-…) of this app",
    "not_authed": "no app-level token was sent: set slack.app_token",
    "not_allowed_token_type": "slack.app_token is not an app-level token: it must start with xapp-",
    "missing_scope": "slack.app_token lacks the connections:write scope: generate one that has it",
    "token_revoked": "slack.app_token was revoked: generate a new app-level token",
    "account_inactive": "the app or its workspace was deactivated: reinstall the app",
}


def app_token_refusal(exc: SlackApiError) -> str | None:
    """What to tell the admin when Socket Mode can't open because of the app token; None for a passing fault."""
    data = exc.response.data if isinstance(exc.response.data, dict) else {}
    code = str(data.get("error") or "")
    if code in APP_TOKEN_REFUSALS:
        return f"{code}: {APP_TOKEN_REFUSALS[code]}"
    return None


class SlackSetupError(Exception):
    """The config lacks what the chosen Slack mode needs (a token, a signing secret)."""
