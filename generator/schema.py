"""JSON Schemas of the data files, generated from the models, for editor autocompletion."""

import json

from generator.load import DATA_FILES


def render_schemas() -> dict[str, str]:
    """File name -> JSON text of the schema of each data file."""
    out = {}
    for kind, (name, model) in DATA_FILES.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"regiokaart: data/{name}"
        out[f"{kind}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return out
