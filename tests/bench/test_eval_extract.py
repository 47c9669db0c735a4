import json
from types import SimpleNamespace

import pytest

from bench.eval_extract import (
    evaluate,
    format_errors,
    format_report,
    format_side_by_side,
    missed_targets,
    prf,
    score_item,
    summarise,
)
from bench.eval_match import (
    Figure,
    Quote,
    is_description,
    match_figures,
    match_quotes,
    normalise_quote,
    quote_similarity,
    ranges_overlap,
    speakers_agree,
)


def fig(kind, lo, hi, span=""):
    return {"kind": kind, "min": lo, "max": hi, "actor": None, "qualifier": None, "attributed_to": None, "span": span}


def pred_fig(kind, lo, hi, span=""):
    # extractor output is an object with attributes, not a dict
    return SimpleNamespace(
        kind=kind, min=lo, max=hi, actor=None, qualifier=None, attributed_to=None, span=span, start=0, end=len(span)
    )


def pred_quote(text, speaker):
    return SimpleNamespace(text=text, speaker=speaker, start=0, end=len(text))


# ----------------------------------------------------------------------------- ranges


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((30, None), (30, 30), True),  # at least 30 vs exactly 30
        ((30, None), (10, 29), False),
        ((200, 999), (200, 900), True),  # hundreds vs several hundred
        ((None, 2000), (2000, None), True),  # up to 2,000 vs at least 2,000 touch at 2,000
        ((None, 2000), (2001, None), False),
        ((None, None), (5, 5), True),  # unknown both ways overlaps anything
        ((24, 99), (100, 100), False),
        ((0, 0), (None, 3), True),  # null min reads as 0
    ],
)
def test_ranges_overlap(a, b, expected):
    assert ranges_overlap(*a, *b) is expected
    assert ranges_overlap(*b, *a) is expected


def test_match_figures_is_one_to_one_and_prefers_closest_range():
    gold = [Figure("killed", 4, None), Figure("killed", 50, None)]
    pred = [Figure("killed", 50, 50), Figure("killed", 4, 4), Figure("killed", 60, 60)]
    # 4+ overlaps all three; 50+ overlaps 50 and 60. Closest first: (gold 1, pred 0) distance 1e15
    # ties with (gold 0, pred 1); both are taken, pred 2 is left over.
    assert match_figures(gold, pred) == [(0, 1), (1, 0)]


def test_match_figures_needs_same_kind():
    assert match_figures([Figure("killed", 5, 5)], [Figure("wounded", 5, 5)]) == []


def test_match_figures_greedy_does_not_reuse_a_prediction():
    gold = [Figure("captured", 200, 200), Figure("captured", 200, 200)]
    pred = [Figure("captured", 200, 200)]
    assert match_figures(gold, pred) == [(0, 0)]


# ----------------------------------------------------------------------------- quotes


def test_normalise_quote_straightens_marks_and_spaces():
    assert normalise_quote("We\u2019ve  got\u200b a \u201clittle\u201d\n progress ") == 'We\'ve got a "little" progress'


def test_quote_similarity_threshold():
    gold = "Ukraine’s Defence Forces and intelligence are working to determine the full extent."
    assert quote_similarity(gold, gold.replace("’", "'")) == 1.0
    assert quote_similarity(gold, gold[:-1]) > 0.8  # trailing punctuation does not matter
    assert quote_similarity(gold, "not a single reason for North Koreans to die") < 0.8


def test_match_quotes_best_ratio_first():
    gold = [Quote("We're trying to get the war stopped."), Quote("It is a tough one, it is a nasty one.")]
    pred = [
        Quote("It is a tough one, it is a nasty one"),
        Quote("We’re trying to get the war stopped."),
        Quote("carnage"),
    ]
    assert match_quotes(gold, pred) == [(0, 1), (1, 0)]


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        ("Pat Ryder", "Major General Pat Ryder", True),
        ("Babar Baloch", "UNHCR spokesperson Babar Baloch", True),
        ("Pat Ryder", "pat ryder", True),
        ("Volodymyr Zelenskiy", "Zelenskiy", True),
        ("Keir Starmer", "Donald Trump", False),
        ("Phillips P. O'Brien", "O’Brien", True),
        ("senior US military official", "Senior US military official", True),
        ("senior US military official", "a senior US military official", True),
        ("senior US military official", "US official", False),
        ("senior US military official", "Pat Ryder", False),
        ("Israeli military", "the Israeli military", True),
        ("unnamed source", "one unnamed source", True),
        ("Pat Ryder", None, False),
    ],
)
def test_speakers_agree(gold, pred, expected):
    assert speakers_agree(gold, pred) is expected


def test_is_description():
    assert is_description("senior US military official")
    assert is_description("unnamed White House official")
    assert not is_description("Shawki al-Masri")
    assert not is_description("Kuwait's Fire Force")


# ----------------------------------------------------------------------------- whole items


def test_prf_edge_cases():
    assert prf(0, 0, 0) == (1.0, 1.0, 1.0)
    assert prf(0, 3, 0) == (0.0, 0.0, 0.0)
    assert prf(2, 4, 2) == pytest.approx((1.0, 0.5, 2 / 3))


ITEMS = [
    {  # 2 gold figures, extractor finds one plus a wrong one; quotes 1 of 1 with the right speaker
        "id": "a",
        "text": "x",
        "negative": False,
        "figures": [fig("killed", 4, None, "killed at least four people"), fig("wounded", 6, 6, "wounded six")],
        "quotes": [{"speaker": "Pat Ryder", "text": "a little over a week ago"}],
    },
    {  # negative with a quote; extractor invents a figure and gets the speaker wrong
        "id": "b",
        "text": "y",
        "negative": True,
        "figures": [],
        "quotes": [{"speaker": "senior US military official", "text": "These are not battle-hardened troops."}],
    },
    {  # nothing expected, nothing found
        "id": "c",
        "text": "z",
        "negative": True,
        "figures": [],
        "quotes": [],
    },
]

PREDICTIONS = {
    "x": SimpleNamespace(
        figures=[pred_fig("killed", 4, 4, "four people"), pred_fig("casualties", 6, 6, "six")],
        quotes=[pred_quote("a little over a week ago", "Ryder"), pred_quote("all ranks", "Ryder")],
    ),
    "y": SimpleNamespace(
        figures=[pred_fig("deployed", 10, 10, "10 troops")],
        quotes=[pred_quote("These are not battle-hardened troops", "Pat Ryder")],
    ),
    "z": SimpleNamespace(figures=[], quotes=[]),
}


def fake_extract(text):
    return PREDICTIONS[text]


def test_summary_numbers():
    results = evaluate(ITEMS, fake_extract)
    summary = summarise(results)
    m = summary.metrics
    assert (summary.figure_gold, summary.figure_pred, summary.figure_matched) == (2, 3, 1)
    assert m["figure_precision"] == pytest.approx(1 / 3)
    assert m["figure_recall"] == pytest.approx(1 / 2)
    assert m["figure_f1"] == pytest.approx(0.4)
    assert (summary.quote_gold, summary.quote_pred, summary.quote_matched) == (2, 3, 2)
    assert m["quote_precision"] == pytest.approx(2 / 3)
    assert m["quote_recall"] == pytest.approx(1.0)
    assert m["quote_f1"] == pytest.approx(0.8)
    assert m["speaker_accuracy"] == pytest.approx(0.5)
    assert summary.negatives == 2
    assert summary.false_figures_on_negatives == 1
    assert missed_targets(summary) == ["figure_f1", "quote_f1", "speaker_accuracy", "false_figures_on_negatives"]


def test_perfect_predictions_meet_all_targets():
    def oracle(text):
        item = next(i for i in ITEMS if i["text"] == text)
        return {"figures": item["figures"], "quotes": item["quotes"]}

    summary = summarise(evaluate(ITEMS, oracle))
    assert summary.metrics["figure_f1"] == 1.0
    assert summary.metrics["quote_f1"] == 1.0
    assert summary.metrics["speaker_accuracy"] == 1.0
    assert missed_targets(summary) == []
    assert "MISSED" not in format_report(summary)


def test_error_listing_names_misses_and_false_positives():
    results = evaluate(ITEMS, fake_extract)
    text = format_errors(results)
    assert "missed figure: wounded 6..6 'wounded six'" in text
    assert "false figure: casualties 6..6 'six'" in text
    assert "figure on negative: deployed 10..10 '10 troops'" in text
    assert "false quote: Ryder: 'all ranks'" in text
    assert "speaker: gold 'senior US military official', predicted 'Pat Ryder'" in text
    assert "\nc\n" not in f"\n{text}\n"


def test_score_item_accepts_dicts_and_objects():
    result = score_item(ITEMS[0], [fig("killed", 4, None)], [{"text": "a little over a week ago", "speaker": "Ryder"}])
    assert result.figure_pairs == [(0, 0)]
    assert result.quote_pairs == [(0, 0)]
    assert result.speaker_mismatches == []


def test_dev_set_is_well_formed():
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "data" / "dev.jsonl"
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(items) >= 150
    for item in items:
        for f in item["figures"]:
            assert f["span"] in item["text"]
        for q in item["quotes"]:
            assert q["text"] in item["text"]
        assert item["negative"] == (not item["figures"])


def test_side_by_side_puts_each_set_in_its_own_column():
    scored = summarise(evaluate(ITEMS, fake_extract))

    def oracle(text):
        item = next(i for i in ITEMS if i["text"] == text)
        return {"figures": item["figures"], "quotes": item["quotes"]}

    perfect = summarise(evaluate(ITEMS, oracle))
    table = format_side_by_side([("dev", scored), ("holdout", perfect)]).splitlines()
    assert table[0].split() == ["metric", "dev", "holdout", "target"]
    rows = {line[:28].strip(): line[28:].split() for line in table[1:]}
    assert rows["figure F1"] == ["0.400", "1.000", ">=", "0.92"]
    assert rows["false figures on negatives"] == ["1", "0", "=", "0"]
    assert rows["items"] == [str(len(ITEMS)), str(len(ITEMS))]


@pytest.mark.parametrize(
    ("name", "earlier", "size", "negatives"),
    [
        ("holdout", ("dev",), 60, 20),
        ("fresh", ("dev", "holdout"), 150, 40),
        ("blind2", ("dev", "holdout", "fresh"), 120, 100),
        ("blind3", ("dev", "holdout", "fresh", "blind2"), 300, 250),
        ("blind4a", ("dev", "holdout", "fresh", "blind2", "blind3"), 300, 80),
        ("blind4b", ("dev", "holdout", "fresh", "blind2", "blind3", "blind4a"), 380, 100),
        ("blind5", ("dev", "holdout", "fresh", "blind2", "blind3", "blind4a", "blind4b"), 170, 30),
        ("blind6", ("dev", "holdout", "fresh", "blind2", "blind3", "blind4a", "blind4b", "blind5"), 380, 85),
        ("blind7", ("dev", "holdout", "fresh", "blind2", "blind3", "blind4a", "blind4b", "blind5", "blind6"), 230, 60),
        (
            "blind8",
            ("dev", "holdout", "fresh", "blind2", "blind3", "blind4a", "blind4b", "blind5", "blind6", "blind7"),
            220,
            43,
        ),
        (
            "blind9",
            (
                "dev",
                "holdout",
                "fresh",
                "blind2",
                "blind3",
                "blind4a",
                "blind4b",
                "blind5",
                "blind6",
                "blind7",
                "blind8",
            ),
            145,
            36,
        ),
    ],
)
def test_held_out_sets_are_well_formed(name: str, earlier: tuple[str, ...], size: int, negatives: int) -> None:
    from pathlib import Path

    data = Path(__file__).resolve().parents[1] / "data"
    items = [json.loads(line) for line in (data / f"{name}.jsonl").read_text(encoding="utf-8").splitlines() if line]
    seen_paragraphs = {
        p
        for other in earlier
        for line in (data / f"{other}.jsonl").read_text(encoding="utf-8").splitlines()
        if line
        for p in json.loads(line)["text"].split("\n\n")
    }
    assert len(items) >= size
    assert sum(item["negative"] for item in items) >= negatives
    for item in items:
        assert not set(item["text"].split("\n\n")) & seen_paragraphs
        for f in item["figures"]:
            assert f["span"] in item["text"]
        for q in item["quotes"]:
            assert q["text"] in item["text"]
