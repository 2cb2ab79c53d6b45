"""JSON Schemas of the data files and of the self-scan export, generated from the models."""

import json

from regiokaart.dataset.load import DATA_FILES
from regiokaart.models.feed import FEED_VERSION, Feed
from regiokaart.models.fields import describe_schema
from regiokaart.models.module_exchange import EXCHANGE_VERSION, ModuleExchange
from regiokaart.models.selfscan import READ_FORMAT_VERSIONS
from regiokaart.models.socialmap_data import socialmap_data_schema
from regiokaart.selfscan.rules import export_schema


def render_schemas() -> dict[str, str]:
    """File name -> JSON text of the schema of each data file (of each layer; a field's label and
    help from models/fields.py), the self-scan export (each format version still read) and the
    module exchange file and the feed of a portal."""
    out = {}
    for kind, data_file in DATA_FILES.items():
        # A region's file (data/), and the national layer's where its model differs (national/).
        layers = [("data", data_file.regional, f"{kind}.schema.json")]
        if data_file.national not in (None, data_file.regional):
            layers.append(("national", data_file.national, f"{kind}.landelijk.schema.json"))
        for folder, model, name in layers:
            if model is None:
                continue
            schema = describe_schema(model.model_json_schema())
            schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
            schema["title"] = f"regiokaart: {folder}/{data_file.name}"
            out[name] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    out["aanbod.schema.json"] = (
        json.dumps(socialmap_data_schema(), indent=2, ensure_ascii=False) + "\n"
    )
    for version in READ_FORMAT_VERSIONS:  # every format version that is still read
        name = f"zelfscan-export.v{version}.schema.json"
        out[name] = json.dumps(export_schema(version), indent=2, ensure_ascii=False) + "\n"
    schema = ModuleExchange.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "regiokaart: module om over te nemen (downloads/modules/<id>.yaml)"
    out[f"module-export.v{EXCHANGE_VERSION}.schema.json"] = (
        json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    )
    schema = Feed.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "regiokaart: feed van een regionaal portaal (feed.json)"
    out[f"feed.v{FEED_VERSION}.schema.json"] = (
        json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    )
    return out
