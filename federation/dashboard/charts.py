"""Charts as inline SVG drawn on the server with pygal (no JavaScript, nothing from a CDN).

Drawing costs ~10 ms of CPU per chart, so each SVG is cached (Django cache, Redis; the
key function puts the schema in front of every key) under a digest of everything that
goes into it: the title, the labels, the figures and the language. A change of the
roll-ups changes the figures, hence the key, hence a fresh drawing; while nothing changes,
every request reuses the cached SVG. No version counter to forget to bump.
"""

import hashlib
import json
import re

import pygal
from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from pygal.style import Style

STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#333",
    foreground_strong="#222",
    foreground_subtle="#999",
    colors=("#b71c1c", "#1e88e5", "#43a047", "#fb8c00", "#8e24aa"),
    font_family="'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif",
)
CACHE_PREFIX = "dashboard:chart:v3:"  # v3: no script elements
# pygal writes its configuration as a <script> into every SVG even with ``js=[]`` (nothing
# reads it here): dropped, so the pages pass a script-src 'self' policy
SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>|<script\b[^>]*/>", re.DOTALL)
CACHE_SECONDS = 7 * 24 * 3600


def _render(chart) -> str:
    return SCRIPT.sub("", chart.render(is_unicode=True, disable_xml_declaration=True))


def _base(cls, title: str, **kw):
    return cls(
        style=STYLE,
        title=title,
        js=[],
        height=260,
        width=520,
        explicit_size=False,
        legend_at_bottom=True,
        print_values=False,
        **kw,
    )


def chart_key(kind: str, title: str, data: object) -> str:
    """The cache key of one chart: a digest of its kind, title, data and the language."""
    raw = json.dumps([kind, str(title), get_language(), data], sort_keys=True, default=str)
    return CACHE_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def _cached(key: str, draw) -> str:
    svg = cache.get(key)
    if svg is None:
        svg = draw()
        cache.set(key, svg, CACHE_SECONDS)
    return mark_safe(svg)  # noqa: S308 - our own SVG


def _count_ticks(series: dict[str, list[float]]) -> list[int] | None:
    """Whole-number ticks when every value is a count (a chart of 1 union read 0.1 ... 1)."""
    values = [v for vs in series.values() for v in vs]
    if not all(isinstance(v, int) for v in values):
        return None
    top = int(max([*values, 1]))
    step = max(1, -(-top // 5))
    return list(range(0, top + step, step))


def _draw_bar(title: str, labels: list[str], series: dict[str, list[float]]) -> str:
    chart = _base(pygal.Bar, title, x_label_rotation=30 if len(labels) > 6 else 0)
    chart.x_labels = labels
    ticks = _count_ticks(series)
    if ticks is not None:
        chart.y_labels = ticks
    for name, values in series.items():
        chart.add(name, values)
    return _render(chart)


def _draw_pie(title: str, parts: dict[str, int]) -> str:
    chart = _base(pygal.Pie, title, inner_radius=0.45)
    for name, value in parts.items():
        chart.add(name, value)
    return _render(chart)


def bar(title: str, labels: list[str], series: dict[str, list[float]]) -> str:
    title = str(title)
    labels = [str(label) for label in labels]
    series = {str(name): list(values) for name, values in series.items()}
    key = chart_key("bar", title, [labels, list(series.items())])
    return _cached(key, lambda: _draw_bar(title, labels, series))


def pie(title: str, parts: dict[str, int]) -> str:
    title = str(title)
    parts = {str(name): value for name, value in parts.items()}
    key = chart_key("pie", title, list(parts.items()))
    return _cached(key, lambda: _draw_pie(title, parts))
