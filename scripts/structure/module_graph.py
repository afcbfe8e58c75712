#!/usr/bin/env python3
"""The module graph, read from the CMake targets: each module (a static library in its own folder, and the
binary) with the modules it links directly, on floors (a module stands one floor above the highest module it
uses). Also checks that every #include of a project header names a module the including module may use (its
links, followed transitively): an include the CMake graph does not allow is an arrow the picture would miss.

  module_graph.py                 print the graph (the text between the markers of docs/architecture.md)
  module_graph.py --check FILE    exit 1 when FILE's text between the markers differs, or an include is not
                                  allowed by the links
  module_graph.py --write FILE    replace the text between the markers of FILE
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BEGIN = "<!-- module-graph: begin (scripts/structure/module_graph.py --write docs/architecture.md) -->"
END = "<!-- module-graph: end -->"
SOURCE_FOLDERS = ["harness", "reports", "mock_server"]


def strip_comments(text):
    return "\n".join(line.split("#", 1)[0] for line in text.splitlines())


def read_targets():
    """{target name: (folder, [linked targets of ours])} for every library and executable of ours."""
    targets, links = {}, {}
    for top in SOURCE_FOLDERS:
        for folder, _, files in os.walk(os.path.join(ROOT, top)):
            if "CMakeLists.txt" not in files:
                continue
            text = strip_comments(open(os.path.join(folder, "CMakeLists.txt")).read())
            relative = os.path.relpath(folder, ROOT)
            for match in re.finditer(r"add_(?:library|executable)\(\s*([A-Za-z0-9_]+)", text):
                targets[match.group(1)] = relative
            for match in re.finditer(r"target_link_libraries\(\s*([A-Za-z0-9_]+)([^)]*)\)", text):
                links.setdefault(match.group(1), []).extend(match.group(2).split())
    # Targets in one folder are one module (the binary and the library its tests link, say): their links
    # together, each other's left out. The module is named by its first target in name order.
    folder_name = {}
    for name in sorted(targets):
        folder_name.setdefault(targets[name], name)
    graph = {}
    for name, folder in targets.items():
        module = folder_name[folder]
        uses = {folder_name[targets[d]] for d in links.get(name, []) if d in targets} - {module}
        graph[module] = (folder, sorted(set(graph.get(module, (folder, []))[1]) | uses))
    return graph


def floors(graph):
    floor = {}

    def of(name, path=()):
        if name in path:
            raise SystemExit("module graph: a cycle through " + " -> ".join(path + (name,)))
        if name not in floor:
            uses = graph[name][1]
            floor[name] = 0 if not uses else 1 + max(of(u, path + (name,)) for u in uses)
        return floor[name]

    for name in graph:
        of(name)
    return floor


def short(graph, name):
    folder = graph[name][0]
    return folder[len("harness/"):] if folder.startswith("harness/") else folder


def render(graph):
    floor = floors(graph)
    width = max(len(graph[n][0]) for n in graph)
    lines = ["```", "floor  " + "module".ljust(width) + "  uses (directly; each arrow points down a floor or more)"]
    for name in sorted(graph, key=lambda n: (floor[n], graph[n][0])):
        uses = ", ".join(short(graph, u) for u in sorted(graph[name][1], key=lambda u: (-floor[u], graph[u][0])))
        lines.append(str(floor[name]).rjust(5) + "  " + graph[name][0].ljust(width) + "  " + (uses or "—"))
    lines.append("```")
    return "\n".join(lines) + "\n"


def closure(graph, name):
    seen, stack = set(), [name]
    while stack:
        for u in graph[stack.pop()][1]:
            if u not in seen:
                seen.add(u)
                stack.append(u)
    return seen


def include_problems(graph):
    by_folder = {folder: name for name, (folder, _) in graph.items()}
    folders = sorted(by_folder, key=len, reverse=True)
    problems = []
    for name, (folder, _) in graph.items():
        allowed = {graph[u][0] for u in closure(graph, name)} | {folder}
        for here, _, files in os.walk(os.path.join(ROOT, folder)):
            if os.path.relpath(here, ROOT) != folder and os.path.relpath(here, ROOT) in by_folder:
                continue
            for file in sorted(files):
                if not file.endswith((".cpp", ".hpp")):
                    continue
                path = os.path.join(here, file)
                for number, line in enumerate(open(path, encoding="utf-8"), 1):
                    match = re.match(r'\s*#include\s+"([^"]+)/[^"/]+"', line)
                    if not match:
                        continue
                    target = next((f for f in folders if match.group(1) == f or match.group(1).startswith(f + "/")), None)
                    if target is not None and target not in allowed:
                        problems.append("%s:%d: includes %s, but %s does not link %s" % (
                            os.path.relpath(path, ROOT), number, match.group(1), name, by_folder[target]))
    return problems


def between_markers(text, name):
    if BEGIN not in text or END not in text:
        raise SystemExit("module graph: %s has no markers %s … %s" % (name, BEGIN, END))
    start = text.index(BEGIN) + len(BEGIN) + 1
    return start, text.index(END)


def main(argv):
    graph = read_targets()
    drawn = render(graph)
    if len(argv) == 1:
        sys.stdout.write(drawn)
        return 0
    if len(argv) != 3 or argv[1] not in ("--check", "--write"):
        sys.stderr.write(__doc__)
        return 2
    text = open(argv[2], encoding="utf-8").read()
    start, end = between_markers(text, argv[2])
    if argv[1] == "--write":
        open(argv[2], "w", encoding="utf-8").write(text[:start] + drawn + text[end:])
        return 0
    failed = False
    if text[start:end] != drawn:
        sys.stdout.write("module graph: %s differs from the CMake targets; run %s --write %s\n--- drawn now:\n%s"
                         % (argv[2], os.path.relpath(__file__, ROOT), argv[2], drawn))
        failed = True
    for problem in include_problems(graph):
        sys.stdout.write("module graph: " + problem + "\n")
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
