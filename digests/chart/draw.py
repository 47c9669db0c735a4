"""Draws a topic's trend chart as a PNG small and plain enough to read in a chat window. matplotlib (Agg, no
display) is imported here only, when a chart is drawn: the CLI starts without it."""

from __future__ import annotations

import io
from datetime import datetime, time, timedelta
from typing import Any

from digests.chart.data import ChartData

# Okabe & Ito's palette, told apart with the common colour-vision deficiencies; yellow left out (too light).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
# The bars' colours, one per kind: grey first, so that daily incident tolls stay behind the running totals.
BAR_PALETTE = ("#8C8C8C", "#E69F00", "#56B4E9", "#CC79A7", "#009E73")
# One marker shape per claimant, so rival claims differ in more than colour (and in print).
MARKERS = ("o", "s", "^", "D", "v", "P", "X")
WIDTH, DPI = 8.0, 100  # 800 px wide: a chat preview shows it at half that, and the text still reads
LIMIT_BYTES = 200_000


def _number(value: float) -> str:
    return f"{int(value):,}"


def _totals_axis(ax: Any, data: ChartData) -> None:
    from matplotlib.ticker import FuncFormatter

    markers: dict[str, str] = {}
    values = [v for s in data.totals for _, v in s.points]
    labelled: set[int] = set()  # two claimants ending on the same count share its label
    for number, series in enumerate(data.totals):
        colour = PALETTE[number % len(PALETTE)]
        marker = markers.setdefault(series.claimant, MARKERS[len(markers) % len(MARKERS)])
        times = [t for t, _ in series.points]
        counts = [v for _, v in series.points]
        ax.plot(times, counts, color=colour, marker=marker, markersize=6, linewidth=2, label=series.label)
        if counts[-1] in labelled:
            continue
        labelled.add(counts[-1])
        ax.annotate(
            _number(counts[-1]),
            (times[-1], counts[-1]),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontsize=12,
            fontweight="bold",
            color=colour,
        )
    if values and min(values) > 0 and max(values) / min(values) > 50:
        ax.set_yscale("log")  # a war's total and a side's few hundred on one axis
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: _number(v)))
    ax.set_ylabel("running total")


def _daily_axis(ax: Any, data: ChartData) -> None:
    from matplotlib.ticker import MaxNLocator

    kinds = list(data.daily)
    width = 0.8 / len(kinds)
    for number, kind in enumerate(kinds):
        days = [datetime.combine(d, time(12)) for d, _ in data.daily[kind]]
        offset = (number - (len(kinds) - 1) / 2) * width
        shifted = [d + timedelta(days=offset) for d in days]
        tolls = [v for _, v in data.daily[kind]]
        colour = BAR_PALETTE[number % len(BAR_PALETTE)]
        bars = ax.bar(shifted, tolls, width=width, color=colour, label=f"{kind} in incidents (a day)")
        ax.bar_label(bars, labels=[_number(v) for v in tolls], fontsize=10, padding=1)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("incident tolls a day")


def draw(data: ChartData) -> bytes:
    """The chart as PNG bytes: running totals as lines (one marker per claimant), incident tolls as daily bars."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.dates import DateFormatter, DayLocator
    from matplotlib.figure import Figure

    panels = [p for p in (_totals_axis if data.totals else None, _daily_axis if data.daily else None) if p]
    if not panels:
        raise ValueError(f"nothing to draw for {data.topic}: no running totals or incident tolls in the window")
    days = sorted(data.days)
    # Whole days on the axis, at most about eight labels; the year only when the chart spans two.
    step = max(1, ((days[-1] - days[0]).days + 1) // 8)
    day_format = "%-d %b %Y" if days[0].year != days[-1].year else "%-d %b"
    legend_rows = (len(data.totals) + 1) // 2 + (1 if data.daily else 0)
    heights = [4.0 if p is _totals_axis else 2.4 for p in panels]
    figure = Figure(figsize=(WIDTH, sum(heights) + 0.8 + 0.3 * legend_rows), dpi=DPI, layout="constrained")
    axes = figure.subplots(len(panels), 1, sharex=True, height_ratios=heights, squeeze=False)[:, 0]
    for ax, panel in zip(axes, panels, strict=True):
        panel(ax, data)
        ax.grid(True, color="#dddddd", linewidth=0.8)
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(labelsize=11)
        ax.yaxis.label.set_size(11)
        ax.xaxis.set_major_locator(DayLocator(interval=step))  # type: ignore[no-untyped-call]
        ax.xaxis.set_major_formatter(DateFormatter(day_format))  # type: ignore[no-untyped-call]
    axes[-1].set_xlabel("publication date (UTC)", fontsize=11)
    # One legend under the chart, naming each line's count and claimant, then the bars' kinds.
    handles = [h for ax in axes for h in ax.get_legend_handles_labels()[0]]
    figure.legend(handles=handles, loc="outside lower left", ncol=2, fontsize=11, frameon=False)
    figure.suptitle(f"{data.title}: tolls by publication date", fontsize=16, fontweight="bold")
    buffer = io.BytesIO()
    # No "Software" stamp: the same data gives the same bytes whatever matplotlib drew it.
    figure.savefig(buffer, format="png", metadata={"Software": None})
    png = buffer.getvalue()
    if len(png) > LIMIT_BYTES:
        raise ValueError(f"chart for {data.topic} is {len(png):,} bytes, over {LIMIT_BYTES:,}")
    return png
