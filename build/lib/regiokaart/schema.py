"""JSON Schemas of the data files and of the self-scan export, generated from the models."""

import json

from regiokaart.load import DATA_FILES
from regiokaart.models.selfscan import EXPORT_FORMAT_VERSION
from regiokaart.selfscan_rules import export_schema


def render_schemas() -> dict[str, str]:
    """File name -> JSON text of the schema of each data file."""
    out = {}
    for kind, (name, model) in DATA_FILES.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"regiokaart: data/{name}"
        out[f"{kind}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    name = f"zelfscan-export.v{EXPORT_FORMAT_VERSION}.schema.json"
    out[name] = json.dumps(export_schema(), indent=2, ensure_ascii=False) + "\n"
    return out
