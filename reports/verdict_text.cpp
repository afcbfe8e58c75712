#include "verdict_text.hpp"

#include <algorithm>
#include <cctype>

namespace harness::reports {

std::string verdict_word(const result::run_verdict& verdict) {
    std::string word(to_string(verdict.kind));
    std::transform(word.begin(), word.end(), word.begin(), [](unsigned char c) { return std::toupper(c); });
    return word;
}

} // namespace harness::reports
