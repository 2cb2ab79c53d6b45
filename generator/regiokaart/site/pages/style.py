"""The region's colours as CSS custom properties (so no colour is hard-coded in the theme)."""

from regiokaart.dataset import Dataset


def render_region_css(dataset: Dataset) -> str:
    colours = dataset.region.colours
    return f":root {{\n  --rk-primary: {colours.primary};\n  --rk-accent: {colours.accent};\n}}\n"
