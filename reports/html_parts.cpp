#include "html_parts.hpp"

#include "markup_escape.hpp"

#include <cctype>

namespace harness::reports {

std::string html(std::string_view text) {
    return escape_markup(text);
}

const char* html_verdict(bool passed) {
    return passed ? "<span class=\"pass\">passed</span>" : "<span class=\"fail\">failed</span>";
}

std::string html_verdict(const result::run_verdict& v) {
    const char* cls = v.kind == result::verdict_kind::passed   ? "pass"
                      : v.kind == result::verdict_kind::failed ? "fail"
                                                               : "skip";
    std::string text =
        "<span class=\"" + std::string(cls) + "\">" + std::string(to_string(v.kind)) + "</span>";
    if (!v.passed() && !v.reason.empty()) {
        text += " <small>" + html(micro_sign(v.reason)) + "</small>";
    }
    return text;
}

std::string micro_sign(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 8);
    for (std::size_t i = 0; i < text.size(); ++i) {
        // "us" right after a digit and not followed by a letter or digit is a unit.
        const bool unit = i > 0 && std::isdigit(static_cast<unsigned char>(text[i - 1])) &&
                          text.substr(i, 2) == "us" &&
                          (i + 2 == text.size() || !std::isalnum(static_cast<unsigned char>(text[i + 2])));
        if (unit) {
            out += "µs";
            ++i;
        } else {
            out += text[i];
        }
    }
    return out;
}

} // namespace harness::reports
