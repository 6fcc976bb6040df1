"""Small inline-SVG charts for the explorer and the report: no script, no library, so a
page stays self-contained and readable when saved."""

from __future__ import annotations

from html import escape

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf")
WIDTH, HEIGHT = 420, 220
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 44, 12, 12, 28
LEGEND_LINE = 16


def _nice_maximum(value: float) -> float:
    """The axis top: 1, 2 or 5 times a power of ten at or above `value`."""
    if value <= 0:
        return 1.0
    power = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return float(step * power)
    return float(10 * power)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def year_chart(series: dict[str, dict[int, float]], *, title: str = "") -> str:
    """Lines of values per fiscal year, one per series label, with a legend; '' when empty."""
    series = {label: points for label, points in series.items() if points}
    if not series:
        return ""
    years = sorted({year for points in series.values() for year in points})
    top = _nice_maximum(max(v for points in series.values() for v in points.values()))
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

    def x(year: int) -> float:
        return MARGIN_LEFT + (plot_w * (years.index(year) + 0.5) / len(years))

    def y(value: float) -> float:
        return MARGIN_TOP + plot_h * (1 - value / top)

    height = HEIGHT + LEGEND_LINE * len(series)
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>',
             '<g font-size="10" fill="#444">']
    for fraction in (0, 0.5, 1):
        value = top * fraction
        parts.append(f'<line x1="{MARGIN_LEFT}" x2="{WIDTH - MARGIN_RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
                     f'stroke="#ddd"/><text x="{MARGIN_LEFT - 4}" y="{y(value) + 3:.1f}" text-anchor="end">'
                     f'{_number(value)}</text>')
    for year in years:
        parts.append(f'<text x="{x(year):.1f}" y="{HEIGHT - 10}" text-anchor="middle">{year}</text>')
    for n, (label, points) in enumerate(series.items()):
        color = PALETTE[n % len(PALETTE)]
        coords = [(x(year), y(points[year])) for year in years if year in points]
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in coords)
        parts.append(f'<polyline class="series" data-label="{escape(label)}" fill="none" stroke="{color}" '
                     f'stroke-width="2" points="{path}"/>')
        for (px, py), year in zip(coords, [year for year in years if year in points]):
            parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{color}"><title>{escape(label)} '
                         f'{year}: {_number(points[year])}</title></circle>')
        legend_y = HEIGHT + LEGEND_LINE * n + 4
        parts.append(f'<rect x="{MARGIN_LEFT}" y="{legend_y}" width="10" height="10" fill="{color}"/>'
                     f'<text x="{MARGIN_LEFT + 14}" y="{legend_y + 9}">{escape(label)}</text>')
    parts.append("</g></svg>")
    return "".join(parts)


def coverage_bar(count: int, total: int, width: int = 120) -> str:
    """A one-line bar of `count` out of `total` (canonical-role coverage in the report)."""
    filled = 0 if total == 0 else round(width * count / total)
    return (f'<svg class="bar" viewBox="0 0 {width} 10" width="{width}" height="10" '
            f'xmlns="http://www.w3.org/2000/svg"><rect width="{width}" height="10" fill="#eee"/>'
            f'<rect width="{filled}" height="10" fill="{PALETTE[0]}"/></svg>')
