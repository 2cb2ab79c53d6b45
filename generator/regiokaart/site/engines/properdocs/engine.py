"""Hands a staged docs folder to ProperDocs, the maintained fork of MkDocs 1.6 (MkDocs itself is in
maintenance mode). It keeps MkDocs' API under the package name properdocs and coexists with MkDocs
in one environment, so the same code renders with it (MkDocsApi), in this process and with the
same hooks.

Material for MkDocs runs on it unchanged: ProperDocs finds themes registered for MkDocs (entry
point group mkdocs.themes), and the portal's configuration loads none of Material's plugins and
Markdown extensions, the only parts of Material that import mkdocs. ProperDocs' own command line
makes every later `import mkdocs` load properdocs instead (properdocs.replacement); that command
line is not used here, so MkDocs stays MkDocs in the same process."""

from regiokaart.site.engines import Engine
from regiokaart.site.engines.mkdocs.engine import MkDocsApi

PROPERDOCS = MkDocsApi(
    "properdocs",
    "ProperDocs",
    "ProperDocsException",
    "installeer het met bash scripts/setup.sh --test (of pip install properdocs==1.6.7)",
)
ENGINE = Engine("properdocs", PROPERDOCS.render, incremental=True)
