#include "load_findings.hpp"

namespace harness::reports {

namespace {

// A colour per class: a reply that broke a rule red, another status amber, too late purple, a timeout blue,
// resets orange, no connection grey, the rest of the transport's classes brown.
std::string class_color(result::failure_class c) {
    using result::failure_class;
    switch (c) {
    case failure_class::violation:
        return "#cf222e";
    case failure_class::status:
        return "#bf8700";
    case failure_class::too_late:
        return "#8250df";
    case failure_class::timeout:
        return "#0969da";
    case failure_class::reset:
    case failure_class::stream_reset:
    case failure_class::goaway:
        return "#fb8f44";
    case failure_class::connect:
    case failure_class::tls:
        return "#57606a";
    default:
        return "#953800";
    }
}

} // namespace

std::vector<marked_band> class_bands(const result::load_result& r) {
    std::vector<marked_band> bands;
    for (const result::timeline_entry& e : r.timeline) {
        for (std::size_t c = 0; c < result::failure_class_count; ++c) {
            if (e.classes[c] == 0) {
                continue;
            }
            const auto cls = static_cast<result::failure_class>(c);
            const std::string words(result::failure_class_words(cls));
            bands.push_back(
                {static_cast<double>(e.second), e.second + 1.0, words, class_color(cls),
                 "second " + std::to_string(e.second) + ": " + std::to_string(e.classes[c]) + " " + words});
        }
    }
    return bands;
}

std::string violation_headline(const result::rule_violation& v) {
    return v.rule + ": " + std::to_string(v.count) + (v.count == 1 ? " reply" : " replies") + " broke it";
}

std::string violation_sample(const result::rule_violation& v) {
    return "status " + std::to_string(v.sample.status) + ": " + one_line(v.sample.message);
}

std::string one_line(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        if (c == '\n' || c == '\r' || c == '\t') {
            out += ' ';
        } else if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) {
            out += c;
        }
    }
    return out;
}

std::string store_summary(const result::load_result::store_tally& s) {
    return std::to_string(s.stored()) + " messages in the conversation during the run; " +
           std::to_string(s.accepted) + " accepted sends store one each" +
           (s.unanswered > 0 ? " (+ up to " + std::to_string(s.unanswered) + " unanswered)" : "");
}

std::string store_problem(const result::load_result::store_tally& s) {
    if (s.holds()) {
        return "";
    }
    return s.stored() > s.accepted
               ? "refused requests or resends stored messages (profile rules 3-4 and 6: a "
                 "refused request or a replay stores nothing)"
               : "accepted messages were not stored (profile rule 1)";
}

} // namespace harness::reports
