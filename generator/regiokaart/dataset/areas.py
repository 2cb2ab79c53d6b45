"""Where an offer or organisation works, read once: the places its area (models/common.py) names,
which of this region's municipalities lie inside it, and how a reader sees it. The pages, the
social map's municipality filter, the partners page, the contact route and HSDS's service areas
all ask area_places, so an area cannot cover one place on the map and another in the export.
"""

from dataclasses import dataclass

from regiokaart.models.common import Area
from regiokaart.models.region import Region
from regiokaart.models.vocabulary import AreaScope, label

NATIONAL = "Nederland"  # the one place a national area names


@dataclass(frozen=True)
class Places:
    """An area seen from one region."""

    named: tuple[str, ...]  # what the area names: Nederland, its regions or its municipalities
    municipalities: tuple[str, ...]  # this region's municipalities inside it, in the region's order
    label: str  # "Landelijk", "Regio X", "Gemeente Y, Z", "Werkgebied onbekend"

    @property
    def elsewhere(self) -> bool:
        """Whether the area names places and none of them is in this region."""
        return bool(self.named) and not self.municipalities


def area_places(area: Area, region: Region) -> Places:
    """The places of an area, seen from region; an unknown area names none."""
    everywhere = tuple(m.name for m in region.municipalities)
    match area.scope:
        case AreaScope.LANDELIJK:
            return Places((NATIONAL,), everywhere, label(AreaScope.LANDELIJK))
        case AreaScope.REGIO:
            inside = everywhere if region.name in area.regions else ()
            return Places(tuple(area.regions), inside, "Regio " + ", ".join(area.regions))
        case AreaScope.GEMEENTEN:
            inside = tuple(m for m in everywhere if m in area.municipalities)
            named = tuple(area.municipalities)
            return Places(named, inside, "Gemeente " + ", ".join(named))
    return Places((), (), label(AreaScope.ONBEKEND))
