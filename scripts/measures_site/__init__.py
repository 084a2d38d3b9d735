"""Generator of the 閩港合作 measures site.

The data flows one way, one module per step:

    load.py      data/measures.yaml  -> validated model (errors located at file:line:col)
    convert.py   model               -> model per locale (OpenCC + editor overrides)
    render.py    model per locale    -> Markdown pages (Jinja2 templates)
    publish.py   pages               -> docs/<locale>/ (write-if-changed, stale pages removed)

scripts/build_measures.py is the command line that calls them; scripts/mkdocs_hooks.py hands
MkDocs' events to mkdocs_build.py, which calls them during a build.
"""
