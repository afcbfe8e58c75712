#include "value_families.hpp"

#include <array>

#include <boost/json/value.hpp>

namespace harness::contract {

namespace {

using namespace std::string_view_literals;

// `count` code points cycling through `pieces` (each one code point).
std::string repeated(std::size_t count, std::initializer_list<std::string_view> pieces) {
    std::string text;
    std::size_t i = 0;
    while (i < count) {
        for (std::string_view piece : pieces) {
            if (i++ == count) {
                break;
            }
            text += piece;
        }
    }
    return text;
}

std::string ascii_run(std::size_t count) {
    return repeated(count, {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"});
}

value_family family(std::string name, std::string description, std::vector<string_value> values,
                    bool for_keys = true) {
    return {std::move(name), std::move(description), for_keys, std::move(values)};
}

// The widths where columns usually end (VARCHAR(255), 4000 in Oracle and SQL Server, 65535 bytes in a MySQL
// TEXT) and one past each: a value one longer than a column is cut or refused.
value_family long_values() {
    return family("long", "long values past the usual column widths, in code points and in bytes",
                  {{"255 code points", ascii_run(255)},
                   {"256 code points", ascii_run(256)},
                   {"4001 code points", ascii_run(4001)},
                   {"65536 code points of 1 to 4 bytes", repeated(65536, {"a", "é", "字", "😀"})},
                   {"256 CJK code points (768 bytes)", repeated(256, {"字"})},
                   {"16384 emoji (65536 bytes)", repeated(16384, {"😀"})}});
}

std::vector<value_family> build_families() {
    std::vector<value_family> list;
    list.push_back(
        family("scripts", "several scripts",
               {{"Cyrillic, Greek, Armenian, Georgian", "Привет мир · Γειά σου · Բարեւ · გამარჯობა"},
                {"CJK, Hangul, Devanagari, Thai, Tamil", "你好世界 日本語 한국어 नमस्ते สวัสดี வணக்கம்"}}));
    list.push_back(
        family("astral plane", "code points above U+FFFF (4 UTF-8 bytes)",
               {{"U+1F600, Fraktur, CJK extension B", "😀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𠜎𠜱"},
                {"emoji sequences and U+10FFFD", "👩‍👩‍👧 🇺🇦 👍🏽 \xF4\x8F\xBF\xBD"}}));
    list.push_back(
        family("combining marks", "combining marks, decomposed and precomposed (never normalised)",
               {{"decomposed e + U+0301, A + U+030A", "Cafe\xCC\x81 A\xCC\x8Angstro\xCC\x88m"},
                {"precomposed and stacked marks", "Café Ångström Z\xCC\x87\xCC\xA3\xCC\x81\xCC\x88"}}));
    list.push_back(
        family("right-to-left", "right-to-left text with direction marks",
               {{"Hebrew and Arabic with LRM, RLM, RLO", "\xE2\x80\x8Fשלום\xE2\x80\x8E مرحبا 123 \xE2\x80\xAE"
                                                         "abc\xE2\x80\xAC"}}));
    list.push_back(family("control characters", "control characters and U+0000, JSON-escaped in the body",
                          {{"U+0000 inside", std::string("before\0after"sv)},
                           {"only U+0000", std::string("\0"sv)},
                           {"C0 controls and DEL", std::string("\x01\x02\x08\x0B\x0C\x1B\x1F\x7F end"sv)}}));
    list.push_back(
        family("markup and quotes", "markup, entities, quotes and backslashes kept verbatim",
               {{"a script tag", "<script>alert('x')</script>"},
                {"entities, quotes, backslash", "&amp; &lt;b&gt; \"double\" 'single' back\\slash /*--*/"}}));
    list.push_back(family(
        "whitespace", "leading, trailing and only whitespace, tabs and newlines",
        {{"leading", "  \t leading"}, {"trailing", "trailing \t\n"}, {"only whitespace", " \t\r\n "}}));
    list.push_back(family("mixed case", "mixed case, with letters whose case mapping is not one to one",
                          {{"mixed case", "MiXeD CaSe ÄäÖö İı ß ﬁ Σσς"}}));
    list.push_back(family("empty string", "the empty string", {{"empty", ""}}, false));
    list.push_back(long_values());
    return list;
}

// splitmix64: a tiny generator whose output is the same on every platform (std's distributions are not).
class sample_random {
public:
    explicit sample_random(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }

private:
    std::uint64_t state_;
};

// One character (or short sequence) of each family; never "$", so no sample reads as a ${variable}.
constexpr std::array sample_atoms = {"a"sv,
                                     "Z"sv,
                                     "7"sv,
                                     "Я"sv,
                                     "ж"sv,
                                     "Ω"sv,
                                     "字"sv,
                                     "한"sv,
                                     "क"sv,
                                     "ก"sv,
                                     "😀"sv,
                                     "𝔘"sv,
                                     "𠜎"sv,
                                     "\xF4\x8F\xBF\xBD"sv,
                                     "e\xCC\x81"sv,
                                     "\xCC\x88"sv,
                                     "ש"sv,
                                     "ا"sv,
                                     "\xE2\x80\x8E"sv,
                                     "\xE2\x80\x8F"sv,
                                     "\0"sv,
                                     "\x01"sv,
                                     "\x1F"sv,
                                     "\x7F"sv,
                                     "<"sv,
                                     ">"sv,
                                     "&"sv,
                                     "\""sv,
                                     "'"sv,
                                     "\\"sv,
                                     "/"sv,
                                     " "sv,
                                     "\t"sv,
                                     "\n"sv,
                                     "\r"sv,
                                     "İ"sv,
                                     "ß"sv,
                                     "ﬁ"sv};

} // namespace

const std::vector<value_family>& value_families() {
    static const std::vector<value_family> list = build_families();
    return list;
}

std::vector<string_value> sampled_values(std::uint64_t seed, std::size_t count) {
    sample_random random(seed);
    std::vector<string_value> values;
    for (std::size_t n = 1; n <= count; ++n) {
        string_value v;
        v.label = "sample " + std::to_string(n);
        const std::size_t atoms = 1 + random.below(40);
        for (std::size_t i = 0; i < atoms; ++i) {
            v.text += sample_atoms[random.below(sample_atoms.size())];
        }
        values.push_back(std::move(v));
    }
    return values;
}

std::vector<string_value> accepted_values(const schema_validator& validator, const std::string& field,
                                          const value_family& family) {
    std::vector<string_value> accepted;
    for (const string_value& v : family.values) {
        const boost::json::value body = boost::json::object{{field, boost::json::string(v.text)}};
        bool refused = false;
        for (const violation& found : validator.validate(body)) {
            refused = refused || found.pointer == "/" + field;
        }
        if (!refused) {
            accepted.push_back(v);
        }
    }
    return accepted;
}

} // namespace harness::contract
