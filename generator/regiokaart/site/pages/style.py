"""The portal's colours as CSS custom properties (so no colour is hard-coded in the theme): a
region's from region.yaml, the national overview's from FEDERATION.yaml."""

from regiokaart.dataset import Dataset
from regiokaart.models.region import Colours


def render_colours_css(colours: Colours) -> str:
    return f":root {{\n  --rk-primary: {colours.primary};\n  --rk-accent: {colours.accent};\n}}\n"


def render_region_css(dataset: Dataset) -> str:
    return render_colours_css(dataset.region.colours)
