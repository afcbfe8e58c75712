#!/usr/bin/env python3
"""doc_links_test.py SOURCE_DIR

Every relative link of README.md and docs/*.md names a file or folder of the repository, and every #anchor into a
Markdown file names one of its headings (issue 17, row 2: README linked docs/repro.md before it existed)."""
import glob
import os
import re
import sys

root = sys.argv[1]
pages = [os.path.join(root, "README.md")] + sorted(glob.glob(os.path.join(root, "docs", "*.md")))


def anchors(path):
    found = set()
    for line in open(path, encoding="utf-8"):
        m = re.match(r"#+\s+(.*)", line)
        if m:
            # GitHub's slugs: lower case, punctuation dropped, spaces to hyphens.
            slug = re.sub(r"[^\w\- ]", "", m.group(1).strip().lower()).replace(" ", "-")
            found.add(slug)
    return found


problems = []
links = 0
for page in pages:
    text = open(page, encoding="utf-8").read()
    # Fenced code is not prose: a [x](y) in an example is not a link.
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue
        links += 1
        path, _, anchor = target.partition("#")
        resolved = os.path.normpath(os.path.join(os.path.dirname(page), path)) if path else page
        where = os.path.relpath(page, root)
        if not os.path.exists(resolved):
            problems.append(f"{where}: ({target}) names {os.path.relpath(resolved, root)}, which does not exist")
        elif anchor and resolved.endswith(".md") and anchor not in anchors(resolved):
            problems.append(f"{where}: ({target}) names no heading of {os.path.relpath(resolved, root)}")
if problems:
    print("FAIL: broken links:\n  " + "\n  ".join(problems))
    sys.exit(1)
if links < 10:
    print(f"FAIL: only {links} links found: is the link pattern still right?")
    sys.exit(1)
print(f"docs: {links} relative links in {len(pages)} pages, each to an existing file (and heading)")
