"""Server-side SVG: the tile-grid map of provinces and the trend chart (no JavaScript, no CDN).

The tile positions come from data/reference/province_tiles.csv: one square per province at a fixed
row and column, for the 63 provinces of 2016 (map "63") and the 34 from 2025 (map "34")."""
import csv
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.vn import format_number

TILE = 34
GAP = 3
# Light to dark green; grey for provinces without a value.
PALETTE = ["#e5f5e0", "#a1d99b", "#74c476", "#31a354", "#006d2c"]
NO_DATA = "#d9d9d9"


@lru_cache(maxsize=1)
def tiles() -> dict:
    """{map name: [{"code", "row", "col", "label"}]}"""
    path = Path(settings.BASE_DIR) / "data" / "reference" / "province_tiles.csv"
    maps: dict = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            maps.setdefault(row["map"], []).append(
                {"code": row["code"], "row": int(row["row"]), "col": int(row["col"]), "label": row["label"]})
    return maps


MERGER_YEAR = 2025  # 63 provinces became 34 in 2025


def pick_map(codes, year: int) -> str:
    """The tile set that places the most of these province codes; on a tie, the one in force in `year`."""
    codes = set(codes)
    in_force = "34" if year >= MERGER_YEAR else "63"
    return max(tiles(), key=lambda name: (len(codes & {t["code"] for t in tiles()[name]}), name == in_force))


def colour(value, low: Decimal, high: Decimal) -> str:
    if value is None:
        return NO_DATA
    if high <= low:
        return PALETTE[-1]
    step = (Decimal(value) - low) / (high - low)
    return PALETTE[min(len(PALETTE) - 1, max(0, int(step * len(PALETTE))))]


def tile_map(values: dict, names: dict, *, map_name: str, low=Decimal(0), high=Decimal(100), unit="%", title="") -> str:
    """Each province a square coloured by its value; a title (tooltip) gives name and value."""
    cells = tiles()[map_name]
    width = (max(t["col"] for t in cells) + 1) * (TILE + GAP)
    height = (max(t["row"] for t in cells) + 1) * (TILE + GAP) + 30
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="tile-map" role="img" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" aria-label="{escape(title)}" data-map="{map_name}">']
    for tile in cells:
        value = values.get(tile["code"])
        x, y = tile["col"] * (TILE + GAP), tile["row"] * (TILE + GAP)
        shown = "—" if value is None else f"{format_number(value, 1)}{unit}"
        fill = colour(value, low, high)
        text = "#fff" if fill in PALETTE[3:] else "#1d2327"
        parts.append(
            f'<g class="tile" data-code="{tile["code"]}" data-value="{"" if value is None else format_number(value, 1)}">'
            f'<title>{escape(names.get(tile["code"], tile["code"]))}: {escape(shown)}</title>'
            f'<rect x="{x}" y="{y}" width="{TILE}" height="{TILE}" rx="3" fill="{fill}"/>'
            f'<text x="{x + TILE / 2}" y="{y + TILE / 2 + 4}" font-size="10" text-anchor="middle" fill="{text}">{escape(tile["label"])}</text></g>'
        )
    # Legend
    y = height - 22
    for index, fill in enumerate(PALETTE):
        share = (high - low) / len(PALETTE)
        parts.append(f'<rect x="{index * 28}" y="{y}" width="26" height="10" fill="{fill}"/>'
                     f'<text x="{index * 28}" y="{y + 20}" font-size="8">{format_number(low + share * index, 0)}</text>')
    parts.append(f'<rect x="{len(PALETTE) * 28 + 6}" y="{y}" width="26" height="10" fill="{NO_DATA}"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


def trend_chart(points: list, *, target=None, unit="%", title="", width=420, height=200) -> str:
    """A line of the national value per period, with the target as a dashed line."""
    left, right, top, bottom = 40, 10, 10, 30
    numbers = [float(v) for _, v in points if v is not None] + ([float(target)] if target is not None else [])
    high = max(numbers + [1.0]) * 1.1
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(1, len(points) - 1)

    def y_of(v):
        return top + plot_h - (float(v) / high) * plot_h

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="trend-chart" role="img" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" aria-label="{escape(title)}">',
             f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="#9aa5ad"/>',
             f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#9aa5ad"/>']
    for fraction in (0, 0.5, 1):
        v = high * fraction
        parts.append(f'<text x="{left - 4}" y="{y_of(v) + 3:.1f}" font-size="9" text-anchor="end">{format_number(v, 0)}</text>')
    if target is not None:
        parts.append(f'<line class="target" x1="{left}" y1="{y_of(target):.1f}" x2="{width - right}" y2="{y_of(target):.1f}" '
                     f'stroke="#a61b1b" stroke-dasharray="4 3"/>')
    coords = []
    for index, (label, value) in enumerate(points):
        x = left + (index * step if len(points) > 1 else plot_w / 2)
        parts.append(f'<text x="{x:.1f}" y="{height - 10}" font-size="9" text-anchor="middle">{escape(label)}</text>')
        if value is not None:
            coords.append((x, y_of(value)))
            parts.append(f'<circle class="point" cx="{x:.1f}" cy="{y_of(value):.1f}" r="3" fill="#1f6f43">'
                         f'<title>{escape(label)}: {format_number(value, 1)}{escape(unit)}</title></circle>')
    if len(coords) > 1:
        parts.append('<polyline fill="none" stroke="#1f6f43" stroke-width="2" points="'
                     + " ".join(f"{x:.1f},{y:.1f}" for x, y in coords) + '"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))
