#!/usr/bin/env python3
"""sizes_test.py SOURCE_DIR

scripts/structure/sizes.py (issue 24, point 6): it fails on an 81-line function and passes on an 80-line one, and
what looks like a brace in a comment, a string, a character or a raw string does not move a function's end."""
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(sys.argv.pop(1) if len(sys.argv) > 1 else ".", "scripts", "structure"))
import sizes  # noqa: E402


def function_of(lines, signature="int f() {"):
    """A function of exactly `lines` lines: the signature, lines - 2 statements, the closing brace."""
    return signature + "\n" + "    x();\n" * (lines - 2) + "}\n"


class tree:
    """A temporary project with harness/a.cpp and an allowlist."""

    def __init__(self, source, allowlist=""):
        self.dir = tempfile.TemporaryDirectory()
        os.makedirs(os.path.join(self.dir.name, "harness"))
        with open(os.path.join(self.dir.name, "harness", "a.cpp"), "w") as f:
            f.write(source)
        self.allowlist = os.path.join(self.dir.name, "allow.txt")
        with open(self.allowlist, "w") as f:
            f.write(allowlist)

    def check(self):
        return sizes.check(self.dir.name, self.allowlist)

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.dir.cleanup()


class limits(unittest.TestCase):
    def test_an_80_line_function_passes(self):
        with tree(function_of(80)) as t:
            report, code = t.check()
        self.assertEqual(code, 0, report)

    def test_an_81_line_function_fails_and_is_named(self):
        with tree("\n" + function_of(81)) as t:
            report, code = t.check()
        self.assertEqual(code, 1)
        self.assertEqual(report[0], "harness/a.cpp:2: function f is 81 lines (limit 80)")

    def test_a_file_over_450_lines_fails(self):
        with tree("int x;\n" * 451) as t:
            report, code = t.check()
        self.assertEqual(code, 1)
        self.assertEqual(report[0], "harness/a.cpp: file is 451 lines (limit 450)")
        with tree("int x;\n" * 450) as t:
            self.assertEqual(t.check()[1], 0)

    def test_an_allowlisted_function_passes_with_its_reason(self):
        with tree(function_of(81), "harness/a.cpp:f  # a table\n") as t:
            report, code = t.check()
        self.assertEqual(code, 0, report)
        self.assertIn("allowlisted (a table)", report[0])

    def test_a_stale_allowlist_entry_fails(self):
        with tree(function_of(80), "harness/a.cpp:f  # a table\n") as t:
            report, code = t.check()
        self.assertEqual(code, 1)
        self.assertIn("stale", report[0])

    def test_an_allowlist_entry_without_a_reason_fails(self):
        with tree(function_of(81), "harness/a.cpp:f\n") as t:
            report, code = t.check()
        self.assertEqual(code, 1)
        self.assertIn("no reason", "\n".join(report))


class scanner(unittest.TestCase):
    def measured(self, source):
        return [(name, line, count) for name, line, count in sizes.functions(source)]

    def test_a_function_counts_from_its_signature_to_its_closing_brace(self):
        source = "template <typename T>\nstd::vector<T> ns::g(int a,\n    int b) const noexcept {\n    y();\n}\n"
        self.assertEqual(self.measured(source), [("ns::g", 1, 5)])

    def test_braces_in_comments_and_literals_do_not_count(self):
        source = ("int f() {\n"
                  "    // }\n"
                  "    /* } */\n"
                  "    auto s = \"}\\\"}\";\n"
                  "    char c = '}';\n"
                  "    char q = '\\'';\n"
                  "    auto r = R\"x(})\" }\n)x\";\n"
                  "    int n = 1'000'000;\n"
                  "}\n"
                  "int g() { return 0; }\n")
        self.assertEqual(self.measured(source), [("f", 1, 10), ("g", 11, 1)])

    def test_lambdas_and_local_classes_belong_to_their_function(self):
        source = "void f() {\n    auto l = [](int x) {\n        return x;\n    };\n    struct s {\n        void m() {}\n    };\n}\n"
        self.assertEqual(self.measured(source), [("f", 1, 8)])

    def test_namespace_class_and_enum_bodies_are_not_functions(self):
        source = ("#include <x>\n"
                  "namespace a::b {\n"
                  "namespace {\n"
                  "enum class e { one, two };\n"
                  "constexpr std::array<int, 2> table = {1, 2};\n"
                  "}\n"
                  "class c : public base<c> {\n"
                  "public:\n"
                  "    c(int v) : v_{v}, w_(v) {\n"
                  "        go();\n"
                  "    }\n"
                  "    int get() const { return v_; }\n"
                  "    bool operator==(const c&) const = default;\n"
                  "    bool operator<(const c& o) const { return v_ < o.v_; }\n"
                  "    void call(std::vector<int> v = {}) {\n"
                  "    }\n"
                  "private:\n"
                  "    int v_{0};\n"
                  "    int w_ = 1;\n"
                  "};\n"
                  "const auto lambda = [](int x) {\n"
                  "    return x;\n"
                  "};\n"
                  "}\n")
        self.assertEqual(self.measured(source), [("c", 9, 3), ("get", 12, 1), ("operator<", 14, 1),
                                                 ("call", 15, 2), ("lambda", 21, 3)])


class the_project(unittest.TestCase):
    def test_the_builtin_self_test_passes(self):
        self.assertEqual(sizes.self_test(), 0)


if __name__ == "__main__":
    unittest.main(verbosity=1)
