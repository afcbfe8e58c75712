#include "html_parts.hpp"

#include "markup_escape.hpp"

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

std::string html_build(const std::string& harness_build) {
    return harness_build.empty() ? std::string() : " · judged by harness " + html(harness_build);
}

} // namespace harness::reports
