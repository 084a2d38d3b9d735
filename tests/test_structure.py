"""The shape of the code: folders by layer with imports one way, the module map of MAINTAINERS.md
true to them, a thin hook, a command line without MkDocs, no import cycle."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "scripts" / "measures_site"
# The package's folders, lowest layer first (the package's own modules, shared by every step, are
# ""): a module imports from its own layer and the lower ones only.
LAYERS = ("", "data", "content", "site", "commands")
HOOK = ROOT / "scripts" / "mkdocs_hooks.py"


def package_modules() -> dict[str, Path]:
    """{module, dotted under the package ("data.model", "project"): its file}."""
    return {
        ".".join(path.relative_to(PACKAGE).with_suffix("").parts): path
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "__init__.py"
    }


def package_imports() -> dict[str, set[str]]:
    """{module: the package's modules it imports}, counting imports inside functions too."""
    modules = package_modules()
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        imported: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "measures_site":
                base = node.module.removeprefix("measures_site").lstrip(".")
                # `from measures_site.data.model import X` names a module; `from measures_site.data import hanzi` its part.
                imported.update(name for name in [base, *(f"{base}.{a.name}".lstrip(".") for a in node.names)] if name in modules)
            elif isinstance(node, ast.Import):
                imported.update(a.name.removeprefix("measures_site.") for a in node.names if a.name.removeprefix("measures_site.") in modules)
        graph[module] = imported
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found, visiting, done = [], [], set()

    def visit(module: str) -> None:
        if module in visiting:
            found.append(visiting[visiting.index(module):] + [module])
            return
        if module in done:
            return
        visiting.append(module)
        for imported in sorted(graph.get(module, ())):
            visit(imported)
        visiting.pop()
        done.add(module)

    for module in sorted(graph):
        visit(module)
    return found


def test_the_package_has_no_import_cycle():
    graph = package_imports()
    assert graph["site.open_data"] >= {"content.paths", "data.model"}  # the graph is read, not empty
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"render": {"open_data"}, "open_data": {"render"}}) == [["open_data", "render", "open_data"]]


def test_the_hook_file_is_thin():
    lines = HOOK.read_text(encoding="utf-8").splitlines()
    assert len(lines) < 40
    assert (ROOT / "mkdocs.yml").read_text(encoding="utf-8").count("scripts/mkdocs_hooks.py") == 1


def test_the_check_loads_no_part_of_mkdocs_its_theme_or_search():
    probe = (
        "import sys, runpy\n"
        "sys.argv = ['scripts/build_measures.py', 'check', '--data', 'tests/fixture/measures.yaml',"
        " '--overrides', 'tests/fixture/conversion.yaml']\n"
        "try:\n"
        "    runpy.run_path('scripts/build_measures.py', run_name='__main__')\n"
        "except SystemExit as exit:\n"
        "    assert exit.code == 0, exit.code\n"
        "print(' '.join(sorted({name.split('.')[0] for name in sys.modules})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True,
        env={"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin"},
    )
    loaded = set(result.stdout.split())
    assert "measures_site" in loaded and "opencc" in loaded  # the check did run
    assert loaded.isdisjoint({"mkdocs", "material", "mkdocs_static_i18n", "jieba"}), loaded


def layer(module: str) -> str:
    return module.rpartition(".")[0]


def wrong_way_imports(graph: dict[str, set[str]]) -> list[tuple[str, str]]:
    return sorted(
        (module, imported)
        for module, imports in graph.items()
        for imported in imports
        if LAYERS.index(layer(imported)) > LAYERS.index(layer(module))
    )


def test_every_module_is_in_a_layer_and_imports_run_one_way():
    graph = package_imports()
    assert {layer(module) for module in graph} == set(LAYERS)
    assert graph["content.render"] >= {"data.model", "content.paths"}  # the graph is read, not empty
    assert wrong_way_imports(graph) == []


def test_an_import_from_a_higher_layer_is_found():
    graph = {"data.model": {"content.paths"}, "content.paths": {"data.model"}, "site.feed": {"project"}}
    assert wrong_way_imports(graph) == [("data.model", "content.paths")]


def module_map() -> dict[str, list[str]]:
    """{folder: the modules its row names}, from MAINTAINERS.md's table of the package's folders."""
    text = (ROOT / "MAINTAINERS.md").read_text(encoding="utf-8")
    names = "|".join(["measures_site", *(name for name in LAYERS if name)])
    rows = re.findall(rf"^  \| `(?:{names})/` \(.*$", text, re.MULTILINE)
    folders = {}
    for row in rows:
        folder, modules = row.strip().strip("|").split("|")
        name = re.match(r"\s*`([a-z_]+)/`", folder)[1]
        folders["" if name == "measures_site" else name] = re.findall(r"`([a-z_]+)\.py`", modules)
    return folders


def test_the_module_map_names_every_module_in_its_folder_and_no_other():
    listed = module_map()
    assert set(listed) == set(LAYERS)
    on_disk: dict[str, set[str]] = {name: set() for name in LAYERS}
    for module in package_modules():
        on_disk[layer(module)].add(module.rpartition(".")[2])
    for folder in LAYERS:
        assert len(listed[folder]) == len(set(listed[folder])), f"{folder or 'measures_site'}/: a module listed twice"
        assert set(listed[folder]) == on_disk[folder], f"MAINTAINERS.md's row of {folder or 'measures_site'}/"


def changes_to_other_packages_on_import(source: str) -> list[str]:
    """What a module's top level (the code its import runs) assigns to another package's names:
    `material_search.jieba = None`, `jieba.dt.tmp_dir = …`."""
    tree = ast.parse(source)
    imported = {
        alias.asname or alias.name.split(".")[0]
        for node in tree.body
        if isinstance(node, ast.Import) or (isinstance(node, ast.ImportFrom) and not (node.module or "").startswith("measures_site"))
        for alias in node.names
    }
    found = []
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else []
        for target in targets:
            base = target
            while isinstance(base, (ast.Attribute, ast.Subscript)):
                base = base.value
            if target is not base and isinstance(base, ast.Name) and base.id in imported:
                found.append(ast.unparse(target))
    return found


def test_no_module_changes_another_package_when_imported():
    changed = {
        module: found
        for module, path in package_modules().items()
        if (found := changes_to_other_packages_on_import(path.read_text(encoding="utf-8")))
    }
    assert changed == {}


def test_a_change_to_another_package_on_import_is_found():
    source = "import jieba\nimport material.plugins.search.plugin as search\nsearch.jieba = None\njieba.dt.tmp_dir = 'x'\n"
    assert changes_to_other_packages_on_import(source) == ["search.jieba", "jieba.dt.tmp_dir"]
    assert changes_to_other_packages_on_import("import jieba\ndef f():\n    jieba.dt.tmp_dir = 'x'\n") == []


def test_the_search_worker_reads_the_word_break_and_a_measures_address_from_the_index():
    """Facts with one home: the index is written with them (search_index.py), the worker reads them
    from its config, and its search tests show it does."""
    worker = (ROOT / "docs" / "assets" / "javascripts" / "workers" / "search-measures.js").read_text(encoding="utf-8")
    code = "\n".join(line for line in worker.splitlines() if not line.lstrip().startswith("//"))
    assert "\\u200b" not in code and "\u200b" not in code
    assert "measure-" not in code
    assert "config.word_break" in code and "config.measure_location" in code
