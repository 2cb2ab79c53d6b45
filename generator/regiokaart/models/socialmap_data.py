"""The social map's open data file (sociale-kaart/aanbod.json): one card per offer, for others to
reuse (the page's script reads the smaller filters.json and card files instead); its JSON Schema is generated from these models and published
beside it (sociale-kaart/aanbod.schema.json)."""

from pydantic import BaseModel, ConfigDict, Field

from regiokaart.models.fields import MAP_FEATURES, OFFER


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CardContact(_Strict):
    tekst: str = Field(description="hoe men het aanbod bereikt, op één regel")
    algemeen: bool = Field(description="true: de algemene route van de regio, geen eigen contact")


class CardFilters(_Strict):
    gemeente: list[str] = Field(description="gemeenten van de regio waar het aanbod beschikbaar is")
    rol: list[str] = Field(description="voor wie het aanbod is: pleger, slachtoffer, kind, …")
    leeftijd: list[str] = Field(
        description="jeugd, volwassenen, alle-leeftijden (voor beide) of onbekend"
    )
    werkvorm: list[str] = Field(
        description="individueel, groep, partners-samen, gezin-systeem, mediation, …; leeg: de bron "
        "zegt het niet"
    )
    soort: list[str] = Field(
        description="clienten (hulp voor cliënten) of professionals; leeg: de bron zegt het niet"
    )
    kader: list[str]
    fase: list[str]
    categorie: list[str]
    effectiviteit: list[str]
    kenmerk: list[str] = Field(description=", ".join(str(OFFER[name].key) for name in MAP_FEATURES))


class Card(_Strict):
    id: str
    naam: str
    url: str = Field(description="de pagina van het aanbod, relatief aan dit bestand")
    samenvatting: str
    aanbieders: list[str] = Field(description="namen van de aanbieders")
    werkgebied: str
    effectiviteit_label: str
    contra_reden: str | None = Field(description="waarom het bij een gezinsprofiel niet past")
    contact: CardContact | None
    filters: CardFilters
    past: list[str] = Field(description="gezinsprofielen waarbij het aanbod past")
    contra: list[str] = Field(description="gezinsprofielen waarbij het aanbod niet past")


class SocialMapData(_Strict):
    """Het aanbod van de sociale kaart van regiokaart, één kaart per aanbod."""

    aanbod: list[Card]


def socialmap_data_schema() -> dict[str, object]:
    schema = SocialMapData.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "regiokaart: het aanbod van de sociale kaart (aanbod.json)"
    return schema
