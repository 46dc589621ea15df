"""Dashboard charts: counts are drawn on whole-number axes."""

import re

from federation.dashboard import charts


def _tick_labels(svg: str) -> set[str]:
    axis = svg[svg.index('class="axis y') :]
    return set(re.findall(r"<text[^>]*>([0-9.]+)</text>", axis))


def test_a_chart_of_counts_has_whole_number_ticks():
    svg = charts._draw_bar("titles", ["合格", "先进"], {"unions": [1, 0]})
    ticks = _tick_labels(svg)
    assert ticks == {"0", "1"}


def test_a_chart_of_money_keeps_its_own_scale():
    svg = charts._draw_bar("funds", ["2026-10"], {"due": [1234.5]})
    assert any("." in t or len(t) > 1 for t in _tick_labels(svg))


def test_a_chart_carries_no_script_the_pages_policy_would_refuse():
    bar = charts._draw_bar("funds", ["2026-10"], {"due": [1234.5]})
    pie = charts._draw_pie("titles", {"合格": 2, "先进": 1})
    assert "<script" not in bar
    assert "<script" not in pie
    assert bar.startswith("<svg")
    assert bar.rstrip().endswith("</svg>")
