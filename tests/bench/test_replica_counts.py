"""The replica bench's accounting on a made-up timeline: each fetch counts for the interval its poll claimed, and an
interval nobody fetched is put down to its cause."""

from __future__ import annotations

from bench.replica_counts import DeadClaim, Fetch, Life, Poll, attribute, intervals, takeover

EVERY = 2.0


def test_a_late_fetch_counts_for_the_interval_its_poll_claimed_and_a_killed_poll_for_where_it_landed() -> None:
    polls = [Poll(claimed=100.0, ended=101.0), Poll(claimed=102.0, ended=105.5)]
    # The second poll claimed 102 but, its replica stalled, reached the feed at 104.3; a third was killed.
    fetched = attribute([100.1, 104.3, 106.2], polls, EVERY, until=107.0)
    assert fetched == [Fetch(100.1, 100.0, 101.0), Fetch(104.3, 102.0, 105.5), Fetch(106.2, 106.0, 107.0)]


def test_each_unfetched_interval_is_put_down_to_its_cause() -> None:
    lives = [
        Life(replica=0, pid=10, started=90.0, ready=95.0, ended=107.0),  # killed at 107, mid-poll
        Life(replica=1, pid=11, started=95.0, ready=104.5, ended=111.0),  # killed at 111, holding nothing
        Life(replica=0, pid=12, started=108.0, ready=116.0),  # starting until 116
    ]
    fetches = [
        Fetch(100.1, 100.0, 100.5),
        Fetch(102.1, 102.0, 105.5),  # a slow poll: holds the feed through 104
        Fetch(106.1, 106.0, 107.0),  # killed: its claim held until 110.5
        Fetch(116.2, 116.0, 116.6),
        Fetch(118.1, 118.0, 118.4),
        Fetch(118.9, 118.0, 119.0),  # a second fetch for 118: a replica fetched what another held
    ]
    dead = [DeadClaim("feed:alpha", 10, killed=107.0, expires=110.5)]
    counted = intervals(fetches, EVERY, 100.0, 122.0, lives, dead)
    # 100, 102, 106, 116: once; 118: twice; 104: a slow poll; 108, 110: the dead claim (replica 1 running);
    # 112, 114: no replica running (the one left starts until 116); 120: missed.
    assert (counted.total, counted.once, counted.twice) == (11, 4, 1)
    assert (counted.slow, counted.held_by_dead, counted.idle, counted.missed) == (1, 2, 2, 1)


def test_a_takeover_is_timed_from_when_another_replica_could_take_it() -> None:
    lives = [Life(0, 10, 0.0, 1.0, ended=50.0), Life(1, 11, 40.0, ready=56.0)]
    claim = DeadClaim("delivery:7", pid=10, killed=50.0, expires=54.0)
    # Nobody else was ready when the claim ran out at 54: the clock starts when replica 1 is, at 56.
    assert takeover(claim, 57.5, lives) == 1.5
    assert takeover(claim, 57.5, []) == 3.5  # from the claim's end alone
    assert takeover(claim, None, lives) is None
