"""Pacing under the platforms' limits: each turn's exact time on a clock the test moves."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot import pacing
from bot.pacing import Bucket, DiscordPacer, RouteBucket, SlackPacer
from digests.config.models import DiscordPace, SlackPace


class Clock:
    """A clock that only moves when a paced call sleeps (or the test moves it)."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    made = Clock()
    real_sleep = asyncio.sleep

    async def sleep(delay: float) -> None:
        # The others due now take their turns first; then the clock moves to this sleeper's wake-up time.
        wakes = made.now + max(0.0, delay)
        await real_sleep(0)
        made.now = max(made.now, wakes)

    monkeypatch.setattr(pacing.asyncio, "sleep", sleep)
    return made


def test_a_bucket_gives_its_burst_at_once_then_one_turn_per_interval() -> None:
    clock = Clock()
    bucket = Bucket(10, 3, clock=clock)

    assert [round(bucket.reserve(), 6) for _ in range(6)] == [0.0, 0.0, 0.0, 0.1, 0.2, 0.3]


def test_a_bucket_left_alone_fills_up_again_but_never_beyond_its_burst() -> None:
    clock = Clock()
    bucket = Bucket(10, 3, clock=clock)
    for _ in range(3):
        bucket.reserve()
    clock.now = 0.15  # one and a half tokens back

    assert [round(bucket.reserve(), 6) for _ in range(3)] == [0.15, 0.2, 0.3]
    clock.now = 10.0
    assert bucket.idle()
    assert [round(bucket.reserve(), 6) for _ in range(4)] == [10.0, 10.0, 10.0, 10.1]


def test_a_bucket_needs_a_rate_and_a_burst() -> None:
    with pytest.raises(ValueError, match="positive rate"):
        Bucket(0)
    with pytest.raises(ValueError, match="burst of at least 1"):
        Bucket(1, 0)


async def test_slack_posts_to_one_channel_go_once_a_second_under_the_margin(clock: Clock) -> None:
    pacer = SlackPacer(SlackPace(per_channel=1, margin=0.2), clock=clock)
    turns = []
    for _ in range(3):
        await pacer.post("T1", "C1")
        turns.append(clock.now)

    # 1 a second, kept 20% under: 0.8 a second, one every 1.25 s.
    assert turns == [0.0, 1.25, 2.5]


async def test_slack_posts_to_many_channels_share_the_workspace_budget_after_its_burst(clock: Clock) -> None:
    pacer = SlackPacer(SlackPace(per_second=10, burst=5, margin=0.2), clock=clock)
    turns = []

    async def post(channel: str) -> None:
        await pacer.post("T1", channel)
        turns.append(round(clock.now, 6))

    await asyncio.gather(*(post(f"C{i}") for i in range(8)))

    # 10 a second kept 20% under: 8 a second, one every 0.125 s once the burst of 5 is spent.
    assert sorted(turns) == [0.0, 0.0, 0.0, 0.0, 0.0, 0.125, 0.25, 0.375]


async def test_slack_workspaces_have_budgets_of_their_own(clock: Clock) -> None:
    pacer = SlackPacer(SlackPace(per_second=10, burst=1, margin=0), clock=clock)
    await pacer.post("T1", "C1")
    await pacer.post("T2", "C2")

    assert clock.now == 0.0
    await pacer.post("T1", "C3")
    assert clock.now == pytest.approx(0.1)


async def test_slack_history_reads_go_at_tier_3(clock: Clock) -> None:
    pacer = SlackPacer(SlackPace(history_per_minute=50, history_burst=2, margin=0), clock=clock)
    for _ in range(3):
        await pacer.history("T1")

    assert clock.now == pytest.approx(60 / 50)


async def test_a_route_bucket_spends_its_default_then_waits_for_the_reset(clock: Clock) -> None:
    bucket = RouteBucket(5, 5.0, margin=0.05, clock=clock)
    for _ in range(5):
        await bucket.take()
    assert clock.now == 0.0

    await bucket.take()
    assert clock.now == pytest.approx(5.05)
    assert bucket.remaining == 4


async def test_a_route_bucket_believes_the_headers_over_its_own_count(clock: Clock) -> None:
    bucket = RouteBucket(5, 5.0, margin=0.05, clock=clock)
    await bucket.take()
    clock.now = 0.2
    # Discord: this bucket takes 2 a window, none left, the window ends in 3 s.
    bucket.learn(2, 0, 3.0)

    await bucket.take()
    assert clock.now == pytest.approx(3.25)
    assert (bucket.limit, bucket.remaining) == (2, 1)


async def test_discord_requests_wait_in_the_global_budget(clock: Clock) -> None:
    pacer = DiscordPacer(DiscordPace(per_second=50, burst=10, margin=0.2), clock=clock)
    turns = []

    async def post(channel: int) -> None:
        await pacer.before("POST", f"/api/v10/channels/{channel}/messages")
        turns.append(round(clock.now, 6))

    await asyncio.gather(*(post(100000 + i) for i in range(12)))

    # 50 a second kept 20% under: 40 a second, one every 0.025 s after the burst of 10.
    assert sorted(turns) == [0.0] * 10 + [0.025, 0.05]


async def test_discord_interactions_and_the_gateway_are_not_paced(clock: Clock) -> None:
    pacer = DiscordPacer(DiscordPace(per_second=1, burst=1, margin=0), clock=clock)
    for _ in range(3):
        await pacer.before("POST", "/api/v10/interactions/1234567/tok/callback")
        await pacer.before("POST", "/api/v10/webhooks/1234567/tok")
        await pacer.before("GET", "/?v=10&encoding=json")

    assert clock.now == 0.0


async def test_discord_route_buckets_are_learned_from_the_headers_and_shared_by_their_hash(clock: Clock) -> None:
    pace = DiscordPace(route_limit=5, route_window=timedelta(seconds=5), reset_margin=0.0, margin=0)
    pacer = DiscordPacer(pace, clock=clock)
    post = "/api/v10/channels/123456789/messages"
    await pacer.before("POST", post)
    headers = {
        "X-RateLimit-Limit": "1",
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset-After": "2.5",
        "X-RateLimit-Bucket": "abcd",
    }
    pacer.after("POST", post, headers)

    # Another route Discord counts in the same bucket, for the same channel, waits for its reset.
    await pacer.before("PATCH", "/api/v10/channels/123456789/messages/9876543210")
    assert clock.now == 0.0  # not known to share yet
    pacer.after("PATCH", "/api/v10/channels/123456789/messages/9876543210", headers)
    await pacer.before("POST", post)
    assert clock.now == pytest.approx(2.5)
    # Another channel's messages are a bucket of their own.
    await pacer.before("POST", "/api/v10/channels/555555555/messages")
    assert clock.now == pytest.approx(2.5)


async def test_a_turn_taken_ahead_is_the_next_posts_for_a_second_and_then_lapses(clock: Clock) -> None:
    pacer = SlackPacer(SlackPace(per_channel=1, margin=0), clock=clock)
    await pacer.turn("T1", "C1")
    clock.now = 0.5  # the delivery is recorded meanwhile
    await pacer.post("T1", "C1")  # the turn taken ahead: no wait
    assert clock.now == 0.5

    await pacer.turn("T1", "C1")  # the channel's next turn comes a second after the first
    assert clock.now == 1.0
    clock.now = 2.5  # too late: the turn held lapsed, the post waits for one of its own (free by now)
    await pacer.post("T1", "C1")
    await pacer.post("T1", "C1")
    assert clock.now == 3.5


async def test_a_discord_turn_taken_ahead_is_used_by_the_channels_next_request(clock: Clock) -> None:
    pacer = DiscordPacer(DiscordPace(per_second=1, burst=1, margin=0), clock=clock)
    await pacer.turn(123456789)
    await pacer.before("POST", "/api/v10/channels/123456789/messages")  # the turn held
    assert clock.now == 0.0

    await pacer.before("POST", "/api/v10/channels/123456789/messages")  # a turn of its own: a second later
    assert clock.now == 1.0


async def test_channels_whose_buckets_filled_up_again_are_forgotten(
    clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # At every 4th bucket kept, the idle ones are forgotten (a fresh bucket is the same as a full one).
    monkeypatch.setattr(pacing, "KEEP_BUCKETS", 4)
    pacer = SlackPacer(SlackPace(per_channel=1, margin=0), clock=clock)
    for channel in ("C1", "C2", "C3", "C4"):
        await pacer.post("T1", channel)
    clock.now = 0.5  # C1…C4 each owe half a second yet: none is forgotten
    await pacer.post("T1", "C5")
    assert sorted(pacer._channels) == ["C1", "C2", "C3", "C4", "C5"]

    clock.now = 2.0
    for channel in ("C6", "C7", "C8", "C9"):
        await pacer.post("T1", channel)

    assert sorted(pacer._channels) == ["C6", "C7", "C8", "C9"]
    await pacer.post("T1", "C1")  # a forgotten channel starts afresh: no wait
    assert clock.now == pytest.approx(2.0)
