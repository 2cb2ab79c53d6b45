"""Closed vocabularies shared by the models, with the Dutch label users read."""

from collections.abc import Iterable
from enum import StrEnum


class Category(StrEnum):
    """The six categories of the national inventory of perpetrator offers (001, annex 2)."""

    LAAGDREMPELIG = "laagdrempelig"
    SPECIALISTISCH = "specialistisch-systeemgericht"
    ERVARINGSDESKUNDIGEN = "ervaringsdeskundigen"
    ZORG_EN_STRAF = "zorg-en-straf"
    EFFECTIVITEIT = "effectiviteit"
    OVERIGE = "overige-initiatieven"


class Role(StrEnum):
    """Who an offer is for: the person (or the people) it works with. Age is apart (AgeGroup)."""

    PLEGER = "pleger"
    SLACHTOFFER = "slachtoffer"
    KIND = "kind"
    OUDER = "ouder"
    GEZIN = "gezin"
    PARTNERS = "partners"  # het stel, samen
    PROFESSIONAL = "professional"
    OMSTANDER = "omstander"
    VRIJWILLIGER = "vrijwilliger"
    GEMEENTE = "gemeente"


class AgeGroup(StrEnum):
    """The ages an offer is for, as the source says them; none: the source does not say."""

    JEUGD = "jeugd"  # under 18
    VOLWASSENEN = "volwassenen"  # 18 and older


class Gender(StrEnum):
    """An offer only (or especially) for men or for women, as the source says."""

    MAN = "man"
    VROUW = "vrouw"


class Format(StrEnum):
    """Werkvorm: how an offer works with the people it is for, as its source describes it; an
    offer may have several. None: the source does not say (shown as "onbekend")."""

    INDIVIDUEEL = "individueel"
    GROEP = "groep"
    PARTNERS_SAMEN = "partners-samen"  # both partners together in the same sessions
    GEZIN_SYSTEEM = "gezin-systeem"  # the family or the system together
    MEDIATION = "mediation"
    ONLINE = "online"  # chat, app, website or phone, often anonymous
    MAATREGEL = "maatregel"  # a measure imposed by a mayor, police, court or the law
    ADVIES_PROFESSIONALS = "advies-professionals"  # advice, consultation or training
    KETENOVERLEG = "ketenoverleg"  # case conference or network of organisations


class Purpose(StrEnum):
    """Whether an offer is help for clients (people and families) or a service for the
    professionals and networks who help them. None: the source does not make it clear."""

    CLIENTEN = "clienten"
    PROFESSIONALS = "professionals"


class Framework(StrEnum):
    VRIJWILLIG = "vrijwillig"
    BESTUURLIJK = "bestuurlijk"
    CIVIELRECHTELIJK = "civielrechtelijk"
    STRAFRECHTELIJK = "strafrechtelijk"


class Phase(StrEnum):
    DIRECTE_VEILIGHEID = "directe-veiligheid"
    STABIELE_VEILIGHEID = "stabiele-veiligheid"
    HERSTEL = "herstel"


class FamilyProfile(StrEnum):
    INTIEME_TERREUR = "intieme-terreur"
    GEZIN_IN_DE_STRESS = "gezin-in-de-stress"
    LANGDURIGE_ZORG = "langdurige-zorg"
    KINDGEDRAG = "kindgedrag-en-opvoedstress"
    CONFLICTSCHEIDING = "complexe-conflictscheiding"


class Effectiveness(StrEnum):
    """Ratings exactly as the sources write them (Erkenningscommissie terms)."""

    STERK = "Effectief volgens sterke aanwijzingen"
    GOED = "Effectief volgens goede aanwijzingen"
    EERSTE = "Effectief volgens eerste aanwijzingen"
    GOED_ONDERBOUWD = "Goed onderbouwd"
    GOED_BESCHREVEN = "Goed beschreven"
    NIET_BEOORDEELD = "Niet beoordeeld door Erkenningscommissie"
    NIET_GETOETST = "Niet getoetst"
    NVT = "Niet van toepassing"
    ONBEKEND = "Onbekend"


class Databank(StrEnum):
    """Databanks that assess interventions, by the names they publish under."""

    NJI = "NJi Databank Effectieve Jeugdinterventies"
    MOVISIE = "Movisie Databank Effectieve sociale interventies"
    # The joint committee of the databanks (NJi, Movisie and others) that the sources call "de
    # Erkenningscommissie" or "erkenningscommissie effectieve interventies".
    ERKENNINGSCOMMISSIE = "Erkenningscommissie Interventies"
    JUSTITIE = "Erkenningscommissie Justitiële Interventies"
    GEZOND_LEVEN = "Loket Gezond Leven"
    ANDERS = "Andere databank"


class Requirement(StrEnum):
    """Requirements for offers of §1.4 of 001 that an offer can be known to meet."""

    SYSTEEMGERICHT = "systeemgericht"
    AANDACHT_GENDER = "aandacht-gender"
    SNEL_BESCHIKBAAR = "snel-beschikbaar"
    VROEG = "vroeg"
    GEEN_WACHTLIJST = "geen-wachtlijst"
    UITNODIGEND = "uitnodigend"
    NORMEREND = "normerend"
    VEILIGE_SETTING = "veilige-setting"
    OVERBRUGGINGSHULP = "overbruggingshulp"


class OrganisationType(StrEnum):
    GEMEENTE = "gemeente"
    VEILIG_THUIS = "veilig-thuis"
    VROUWENOPVANG = "vrouwenopvang"
    RECLASSERING = "reclassering"
    FORENSISCHE_ZORG = "forensische-zorg"
    GGZ = "ggz"
    JEUGD = "jeugd"
    ERVARINGSDESKUNDIGEN = "ervaringsdeskundigen"
    KENNISINSTITUUT = "kennisinstituut"
    JUSTITIE = "justitie"
    POLITIE = "politie"
    ZORG_EN_VEILIGHEIDSHUIS = "zorg-en-veiligheidshuis"
    MAATSCHAPPELIJK_WERK = "maatschappelijk-werk"
    WELZIJN = "welzijn"
    ZORG = "zorg"
    ONDERWIJS = "onderwijs"
    WONEN = "wonen"
    SAMENWERKINGSVERBAND = "samenwerkingsverband"
    PROGRAMMA = "programma"
    OVERHEID = "overheid"
    OVERIG = "overig"


class AreaScope(StrEnum):
    LANDELIJK = "landelijk"
    REGIO = "regio"
    GEMEENTEN = "gemeenten"
    ONBEKEND = "onbekend"


class ModuleStatus(StrEnum):
    PILOT = "pilot"
    STRUCTUREEL = "structureel"
    AFGEROND = "afgerond"
    IN_ONTWIKKELING = "in-ontwikkeling"


class BundleId(StrEnum):
    """The five bundles of the ten quality standards of the VNG Kwaliteitskader."""

    B1_2 = "1-2"
    B3_6 = "3-6"
    B4_5_7_8 = "4-5-7-8"
    B9 = "9"
    B10 = "10"


LABELS: dict[StrEnum, str] = {
    Category.LAAGDREMPELIG: "Laagdrempelig (systeemgericht) vrijwillig hulpaanbod",
    Category.SPECIALISTISCH: "Specialistisch systeemgericht plegeraanbod",
    Category.ERVARINGSDESKUNDIGEN: "Plegeraanbod met ervaringsdeskundigen",
    Category.ZORG_EN_STRAF: "Interventies bij samenloop zorg en straf",
    Category.EFFECTIVITEIT: "Interventies ingedeeld op effectiviteit",
    Category.OVERIGE: "Overige initiatieven plegeraanpak",
    Framework.VRIJWILLIG: "Vrijwillig kader",
    Framework.BESTUURLIJK: "Bestuurlijk kader",
    Framework.CIVIELRECHTELIJK: "Civielrechtelijk kader",
    Framework.STRAFRECHTELIJK: "Strafrechtelijk kader",
    Phase.DIRECTE_VEILIGHEID: "Directe veiligheid",
    Phase.STABIELE_VEILIGHEID: "Stabiele veiligheid",
    Phase.HERSTEL: "Herstel",
    FamilyProfile.INTIEME_TERREUR: "Intieme terreur",
    FamilyProfile.GEZIN_IN_DE_STRESS: "Gezin in de stress",
    FamilyProfile.LANGDURIGE_ZORG: "Langdurige zorg",
    FamilyProfile.KINDGEDRAG: "Kindgedrag en opvoedstress",
    FamilyProfile.CONFLICTSCHEIDING: "Complexe conflictscheiding",
    Format.INDIVIDUEEL: "Individueel",
    Format.GROEP: "In een groep",
    Format.PARTNERS_SAMEN: "Partners samen",
    Format.GEZIN_SYSTEEM: "Met het gezin of systeem samen",
    Format.MEDIATION: "Mediation",
    Format.ONLINE: "Online of telefonisch",
    Format.MAATREGEL: "Maatregel (opgelegd)",
    Format.ADVIES_PROFESSIONALS: "Advies, consultatie of training voor professionals",
    Format.KETENOVERLEG: "Ketenoverleg of netwerk van organisaties",
    Purpose.CLIENTEN: "Hulp voor cliënten",
    Purpose.PROFESSIONALS: "Voor professionals en netwerken",
    Role.PLEGER: "Pleger",
    Role.SLACHTOFFER: "Slachtoffer",
    Role.KIND: "Kind of jongere",
    Role.OUDER: "Ouder",
    Role.GEZIN: "Gezin",
    Role.PARTNERS: "Partners (stel)",
    Role.PROFESSIONAL: "Professional",
    Role.OMSTANDER: "Omstander",
    Role.VRIJWILLIGER: "Vrijwilliger",
    Role.GEMEENTE: "Gemeente",
    AgeGroup.JEUGD: "Jeugd (tot 18)",
    AgeGroup.VOLWASSENEN: "Volwassenen",
    Gender.MAN: "Mannen",
    Gender.VROUW: "Vrouwen",
    Requirement.SYSTEEMGERICHT: "Systeemgericht",
    Requirement.AANDACHT_GENDER: "Aandacht voor alle factoren, waaronder gender",
    Requirement.SNEL_BESCHIKBAAR: "Snel beschikbaar",
    Requirement.VROEG: "Vroeg",
    Requirement.GEEN_WACHTLIJST: "Geen wachtlijst",
    Requirement.UITNODIGEND: "Uitnodigend",
    Requirement.NORMEREND: "Niet veroordelend maar normerend",
    Requirement.VEILIGE_SETTING: "Veilige setting",
    Requirement.OVERBRUGGINGSHULP: "Overbruggingshulp",
    AreaScope.LANDELIJK: "Landelijk",
    AreaScope.REGIO: "Regio",
    AreaScope.GEMEENTEN: "Gemeenten",
    AreaScope.ONBEKEND: "Werkgebied onbekend",
    ModuleStatus.PILOT: "Pilot",
    ModuleStatus.STRUCTUREEL: "Structureel",
    ModuleStatus.AFGEROND: "Afgerond",
    ModuleStatus.IN_ONTWIKKELING: "In ontwikkeling",
}


# By vocabulary and value: values of different vocabularies may be the same text ('jeugd' is an
# age group and a type of organisation; 'gemeente' a role and a type of organisation).
_LABELS_BY_TYPE = {(type(value), str(value)): text for value, text in LABELS.items()}


def label(value: StrEnum) -> str:
    """Dutch label of a vocabulary value; falls back to the value itself."""
    return _LABELS_BY_TYPE.get((type(value), str(value)), str(value))


LVB_LABEL = "Ook voor mensen met een (licht) verstandelijke beperking"

# The values of the social map's age facet: the two age groups, and two for what an offer's ages
# say as a whole.
AGE_FACET_ALL = "alle-leeftijden"
AGE_FACET_UNKNOWN = "onbekend"
AGE_FACET_LABELS: dict[str, str] = {
    str(AgeGroup.JEUGD): label(AgeGroup.JEUGD),
    str(AgeGroup.VOLWASSENEN): label(AgeGroup.VOLWASSENEN),
    AGE_FACET_ALL: "Alle leeftijden",
    AGE_FACET_UNKNOWN: "Leeftijd niet vermeld",
}


def age_facet_values(ages: Iterable[AgeGroup]) -> list[str]:
    """The values of the social map's age facet ("leeftijd") that an offer with these ages has.

    [jeugd] -> ["jeugd"]; [volwassenen] -> ["volwassenen"]; both -> ["jeugd", "volwassenen",
    "alle-leeftijden"]; none (the source does not say) -> ["onbekend"]. An offer for all ages so
    also has "jeugd" and "volwassenen": who chooses "Jeugd" sees it too, as it is for young people
    as well. The labels are in AGE_FACET_LABELS.
    """
    present = set(ages)
    if not present:
        return [AGE_FACET_UNKNOWN]
    values = [str(age) for age in AgeGroup if age in present]
    if present >= set(AgeGroup):
        values.append(AGE_FACET_ALL)
    return values
