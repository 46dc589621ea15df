"""Charts as inline SVG drawn on the server with pygal (no JavaScript, nothing from a CDN)."""

import pygal
from django.utils.safestring import mark_safe
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


def _render(chart) -> str:
    return mark_safe(chart.render(is_unicode=True, disable_xml_declaration=True))  # noqa: S308 - our own SVG


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


def bar(title: str, labels: list[str], series: dict[str, list[float]]) -> str:
    chart = _base(pygal.Bar, str(title), x_label_rotation=30 if len(labels) > 6 else 0)
    chart.x_labels = [str(label) for label in labels]
    for name, values in series.items():
        chart.add(str(name), values)
    return _render(chart)


def pie(title: str, parts: dict[str, int]) -> str:
    chart = _base(pygal.Pie, str(title), inner_radius=0.45)
    for name, value in parts.items():
        chart.add(str(name), value)
    return _render(chart)
