#include "repro_writer.hpp"

#include "harness/http/http_client.hpp"
#include "markdown_writer.hpp"
#include "unit_text.hpp"

#include <algorithm>
#include <cstdio>
#include <ostream>

namespace harness::reports {

namespace {

constexpr std::size_t shown_body_bytes = 2000;

void write_headers(const http::header_list& headers, std::ostream& out) {
    for (const auto& [name, value] : headers) {
        out << "    " << name << ": " << value << "\n";
    }
}

void write_body(const std::string& body, std::ostream& out) {
    if (body.empty()) {
        out << "    (no body)\n";
        return;
    }
    out << "    " << body.substr(0, shown_body_bytes);
    if (body.size() > shown_body_bytes) {
        out << " … (" << body.size() - shown_body_bytes << " more bytes in the bundle)";
    }
    out << "\n";
}

std::string label(const http::exchange& e) {
    if (e.outcome != http::outcome_kind::ok) {
        return std::string(http::to_string(e.outcome)) + ": " + e.error;
    }
    return std::to_string(e.response.status) + (e.response.reason.empty() ? "" : " " + e.response.reason);
}

std::string timings(const http::exchange& e) {
    return "connect " + duration_text(e.timings.connect_us) + " · tls " + duration_text(e.timings.tls_us) +
           " · first byte " + duration_text(e.timings.first_byte_us) + " · total " +
           duration_text(e.timings.total_us) + (e.reused_connection ? " (reused connection)" : "") +
           (e.outcome == http::outcome_kind::ok ? " · " + std::string(http::protocol_name(e.http2)) : "");
}

std::string cell(std::string text) {
    for (std::size_t at = 0; (at = text.find('|', at)) != std::string::npos; at += 2) {
        text.replace(at, 1, "\\|");
    }
    std::replace(text.begin(), text.end(), '\n', ' ');
    return text;
}

} // namespace

void write_repro_markdown(const repro::captured_request& captured, const repro::replay_request& sent,
                          const repro::replay_findings& findings, std::ostream& out) {
    const auto& c = findings.run.cases.front();
    out << "## harness repro: ";
    if (!findings.expectation.is_operation) {
        out << "not judged (not the contract's operation)";
    } else if (findings.reproduced()) {
        out << "❌ reproduced — " << findings.breaking_replies << " of " << c.exchanges.size()
            << " replies break the contract";
    } else {
        out << "✅ not reproduced — every reply keeps the contract";
    }
    out << "\n\n`" << cell(captured.origin) << "` · `" << cell(captured.method + " " + captured.url)
        << "` → sent to `" << cell(sent.target.to_string()) << "` · " << c.exchanges.size()
        << " replay(s)\n\n";
    out << "**Expected:** " << cell(findings.expectation.summary) << "\n\n";
    if (!findings.differences.empty()) {
        out << "**Across replays:**\n\n";
        for (const auto& d : findings.differences) {
            out << "- " << cell(d) << "\n";
        }
        out << "\n";
    }
    out << "| replay | reply | total | verdict |\n|---:|---|---:|---|\n";
    for (std::size_t i = 0; i < c.exchanges.size(); ++i) {
        const auto& verdict = findings.reply_verdicts[i];
        std::string words = verdict.empty() ? "keeps the contract" : "";
        for (const auto& sentence : verdict) {
            words += (words.empty() ? "" : "; ") + sentence;
        }
        out << "| " << i + 1 << " | " << cell(label(c.exchanges[i])) << " | "
            << duration_text(c.exchanges[i].timings.total_us) << " | " << cell(words) << " |\n";
    }
    out << "\n";
    write_markdown(findings.run, out, "### Contract checks");
}

namespace {

// Where the request came from, where it went, what the contract expects, and the request as sent.
void write_sent_request(const repro::captured_request& captured, const repro::replay_request& sent,
                        const repro::replay_findings& findings, int concurrency, std::ostream& out) {
    const auto& c = findings.run.cases.front();
    out << "repro  " << captured.origin << "\n";
    out << "  captured  " << captured.method << " " << captured.url << "\n";
    out << "  sent to   " << sent.target.to_string() << "  (" << c.exchanges.size() << " replay"
        << (c.exchanges.size() == 1 ? "" : "s");
    if (concurrency > 1) {
        out << ", " << concurrency << " at a time";
    }
    out << ")\n";
    for (const auto& note : captured.notes) {
        out << "  note      " << note << "\n";
    }
    for (const auto& note : sent.notes) {
        out << "  note      " << note << "\n";
    }
    out << "  expect    " << findings.expectation.summary << "\n";
    for (std::size_t i = 1; i < findings.expectation.problems.size(); ++i) {
        out << "            and the request " << findings.expectation.problems[i] << "\n";
    }
    out << "\nrequest\n    " << sent.request.method << " " << sent.target.base_path << sent.request.target
        << "\n";
    write_headers(sent.request.headers, out);
    out << "\n";
    write_body(sent.request.body, out);
}

// Each reply with its verdict; replies alike (same status, same verdict) are folded into the first of them.
void write_replies(const repro::replay_findings& findings, std::ostream& out) {
    const auto& c = findings.run.cases.front();
    std::vector<std::size_t> shown;
    for (std::size_t i = 0; i < c.exchanges.size(); ++i) {
        const auto& e = c.exchanges[i];
        const auto& verdict = findings.reply_verdicts[i];
        std::size_t like = c.exchanges.size();
        for (std::size_t s : shown) {
            if (label(c.exchanges[s]) == label(e) && findings.reply_verdicts[s] == verdict) {
                like = s;
                break;
            }
        }
        out << "\nreplay " << i + 1 << "  " << label(e) << "   " << timings(e) << "\n";
        if (like < c.exchanges.size()) {
            out << "    as replay " << like + 1 << "\n";
            continue;
        }
        shown.push_back(i);
        if (e.outcome == http::outcome_kind::ok) {
            write_headers(e.response.headers, out);
            out << "\n";
            write_body(e.response.body, out);
        }
        if (!findings.expectation.is_operation) {
            continue;
        }
        if (verdict.empty()) {
            out << "  keeps the contract\n";
        } else {
            out << "  breaks the contract:\n";
            for (const auto& sentence : verdict) {
                out << "    - " << sentence << "\n";
            }
        }
    }
}

// What the replays show together, then the verdict (the exit status follows it).
void write_verdict(const repro::replay_findings& findings, std::ostream& out) {
    const auto& c = findings.run.cases.front();
    if (c.exchanges.size() > 1) {
        out << "\nacross " << c.exchanges.size() << " replays\n";
        if (findings.differences.empty()) {
            out << "    the replies agree (status, verdict, message identity; no latency outliers)\n";
        }
        for (const auto& d : findings.differences) {
            out << "    - " << d << "\n";
        }
        for (const auto& check : c.checks) {
            if (check.exchange < 0 && check.status == checks::check_status::passed) {
                out << "    - " << check.message << "\n";
            }
        }
    }
    out << "\nverdict  ";
    if (!findings.expectation.is_operation) {
        out << "NOT JUDGED: the request is not the contract's operation, so nothing was checked against the "
               "contract (exit 2); choose the operation's entry (--entry, --match) or give --project and "
               "--conversation\n";
    } else if (findings.reproduced()) {
        out << "REPRODUCED: " << findings.run.verdict.reason;
        for (const auto& check : c.checks) {
            if (check.exchange < 0 && check.status == checks::check_status::failed) {
                out << "; " << check.message;
            }
        }
        out << "\n";
    } else {
        out << "NOT REPRODUCED: every reply keeps the contract\n";
    }
}

} // namespace

void write_repro_explanation(const repro::captured_request& captured, const repro::replay_request& sent,
                             const repro::replay_findings& findings, int concurrency, std::ostream& out) {
    write_sent_request(captured, sent, findings, concurrency, out);
    write_replies(findings, out);
    write_verdict(findings, out);
}

} // namespace harness::reports
