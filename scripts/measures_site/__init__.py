"""Generator of the 閩港合作 measures site.

The data flows one way, and each folder is one step of it; a module imports from its own folder
and the ones above it in this list, never below (tests/test_structure.py):

    (this folder)  what every step shares: the project's files, the two locales, whole-file writes
    data/          data/*.yaml -> the validated model (every problem at its file:line:col)
    content/       the model -> each script's text -> page records (Markdown from templates)
    site/          page records -> docs/ -> MkDocs' build, and what is written beside its pages
    commands/      the command line around the build: fix, review, GitHub annotations, site/

scripts/build_measures.py is the command line; scripts/mkdocs_hooks.py hands MkDocs' events to
site/mkdocs_build.py.
"""
