"""The layering of docs/ARCHITECTURE (lower layers never import higher ones; no cycle between apps),
read from the source with `ast`, imports inside functions included. Tests and the test-support package
`core/testing` may import anything: they build the world every layer runs in."""
import ast
from collections import defaultdict
from pathlib import Path

from django.conf import settings

# Lower number = lower layer. Apps on one layer may import each other as long as no cycle forms.
LAYERS = {
    "core": 0,  # clock, Vietnamese numbers and dates, uploads, xlsx/docx writers, the plug-in registry
    "accounts": 1,  # people, roles, the one permission and scope helper
    "organisations": 2,  # the registry and focal units; its pages check permissions
    "programmes": 3,
    "collection": 4,  # calls, submissions, versions, events, the completeness board
    "exports": 4,  # background exports: the job, its progress and private file; the kinds register their writers
    "rounds": 5, "plans": 5, "evaluation": 5, "execution": 5, "portal": 5,  # the kinds
    "reports": 6, "notifications": 6,
    "api": 7,
}
TEST_SUPPORT = {"tests", "testing"}


def project_apps(base: Path) -> list[str]:
    return sorted(path.parent.name for path in base.glob("*/apps.py"))


def imported_modules(tree: ast.AST):
    """(line, dotted name) of every absolute import, wherever it sits in the module."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


def app_edges(base: Path) -> dict:
    """{(importer, imported): [where, ...]} between our apps, outside tests and test support."""
    apps = set(project_apps(base))
    edges = defaultdict(list)
    for app in apps:
        for path in sorted((base / app).rglob("*.py")):
            if TEST_SUPPORT & set(path.relative_to(base / app).parts[:-1]):
                continue
            for line, module in imported_modules(ast.parse(path.read_text(encoding="utf-8"))):
                target = module.split(".")[0]
                if target in apps and target != app:
                    edges[(app, target)].append(f"{path.relative_to(base)}:{line}")
    return edges


def cycles(edges) -> list[list[str]]:
    graph = defaultdict(set)
    for source, target in edges:
        graph[source].add(target)
    found, state = [], {}

    def visit(app, trail):
        state[app] = "open"
        for target in sorted(graph[app]):
            if state.get(target) == "open":
                found.append(trail[trail.index(target):] + [target])
            elif target not in state:
                visit(target, trail + [target])
        state[app] = "done"

    for app in sorted(graph):
        if app not in state:
            visit(app, [app])
    return found


def test_every_app_has_a_layer():
    assert set(project_apps(settings.BASE_DIR)) - set(LAYERS) == set(), "add the new app to LAYERS"


def test_no_app_imports_a_higher_layer():
    upward = {
        f"{source} -> {target}": places
        for (source, target), places in app_edges(settings.BASE_DIR).items()
        if LAYERS[target] > LAYERS[source]
    }
    assert upward == {}


def test_core_imports_no_app_of_ours():
    assert {target for source, target in app_edges(settings.BASE_DIR) if source == "core"} == set()


def test_no_import_cycle_between_apps():
    assert cycles(app_edges(settings.BASE_DIR)) == []


def test_the_checks_see_imports_inside_functions_and_report_cycles(tmp_path):
    for app, source in {
        "low": "def f():\n    from high.models import Thing\n",
        "high": "import low.models\n",
    }.items():
        (tmp_path / app / "tests").mkdir(parents=True)
        (tmp_path / app / "apps.py").write_text("")
        (tmp_path / app / "models.py").write_text(source)
        (tmp_path / app / "tests" / "test_x.py").write_text("import high\nimport low\n")
    edges = app_edges(tmp_path)
    assert edges == {("low", "high"): ["low/models.py:2"], ("high", "low"): ["high/models.py:1"]}
    assert cycles(edges) == [["high", "low", "high"]]
