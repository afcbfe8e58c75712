#include "histogram_codec.hpp"

#include <array>
#include <cstring>
#include <stdexcept>
#include <zlib.h>

namespace harness::hdr {

namespace {

constexpr std::uint32_t v2_cookie = 0x1c849313;
constexpr std::uint32_t v2_compressed_cookie = 0x1c849314;
constexpr std::size_t header_size = 40;

void put32(std::string& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) {
        out += static_cast<char>((v >> shift) & 0xFF);
    }
}

void put64(std::string& out, std::uint64_t v) {
    for (int shift = 56; shift >= 0; shift -= 8) {
        out += static_cast<char>((v >> shift) & 0xFF);
    }
}

std::uint64_t get(std::string_view in, std::size_t at, int bytes) {
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) {
        v = (v << 8) | static_cast<unsigned char>(in[at + static_cast<std::size_t>(i)]);
    }
    return v;
}

// ZigZag, then 7 bits a byte with a continuation bit, the 9th byte holding the last 8 bits whole.
void put_zigzag(std::string& out, std::int64_t signed_value) {
    std::uint64_t v =
        (static_cast<std::uint64_t>(signed_value) << 1) ^ static_cast<std::uint64_t>(signed_value >> 63);
    for (int i = 0; i < 8; ++i) {
        if ((v >> 7) == 0) {
            out += static_cast<char>(v);
            return;
        }
        out += static_cast<char>((v & 0x7F) | 0x80);
        v >>= 7;
    }
    out += static_cast<char>(v);
}

bool get_zigzag(std::string_view in, std::size_t& at, std::int64_t& value) {
    std::uint64_t v = 0;
    int shift = 0;
    for (int i = 0; i < 9; ++i) {
        if (at >= in.size()) {
            return false;
        }
        const auto byte = static_cast<unsigned char>(in[at++]);
        if (i == 8) {
            v |= static_cast<std::uint64_t>(byte) << 56;
            break;
        }
        v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
        shift += 7;
        if ((byte & 0x80) == 0) {
            break;
        }
    }
    value = static_cast<std::int64_t>((v >> 1) ^ (~(v & 1) + 1));
    return true;
}

std::string uncompressed(const histogram& h) {
    std::string payload;
    if (h.total_count() > 0) {
        const std::size_t limit = h.index_of(h.max_recorded()) + 1;
        for (std::size_t i = 0; i < limit;) {
            const std::int64_t count = h.count_at_index(i++);
            if (count != 0) {
                put_zigzag(payload, count);
                continue;
            }
            std::int64_t zeros = 1;
            while (i < limit && h.count_at_index(i) == 0) {
                ++zeros;
                ++i;
            }
            put_zigzag(payload, zeros > 1 ? -zeros : 0);
        }
    }
    std::string blob;
    blob.reserve(header_size + payload.size());
    put32(blob, v2_cookie);
    put32(blob, static_cast<std::uint32_t>(payload.size()));
    put32(blob, 0);
    put32(blob, static_cast<std::uint32_t>(h.config().significant_digits));
    put64(blob, static_cast<std::uint64_t>(h.config().lowest_discernible));
    put64(blob, static_cast<std::uint64_t>(h.config().highest_trackable));
    double ratio = 1.0;
    std::uint64_t ratio_bits = 0;
    std::memcpy(&ratio_bits, &ratio, sizeof ratio);
    put64(blob, ratio_bits);
    return blob + payload;
}

} // namespace

std::string encode_compressed(const histogram& h) {
    const std::string raw = uncompressed(h);
    uLongf size = compressBound(static_cast<uLong>(raw.size()));
    std::string deflated(size, '\0');
    // Best compression, as the reference writer uses.
    compress2(reinterpret_cast<Bytef*>(deflated.data()), &size, reinterpret_cast<const Bytef*>(raw.data()),
              static_cast<uLong>(raw.size()), Z_BEST_COMPRESSION);
    deflated.resize(size);
    std::string out;
    put32(out, v2_compressed_cookie);
    put32(out, static_cast<std::uint32_t>(deflated.size()));
    return out + deflated;
}

std::optional<histogram> decode_compressed(std::string_view bytes, std::string& error) {
    if (bytes.size() < 8 || get(bytes, 0, 4) != v2_compressed_cookie) {
        error = "not a V2 compressed histogram (cookie)";
        return std::nullopt;
    }
    const std::size_t length = get(bytes, 4, 4);
    if (length > bytes.size() - 8) {
        error = "compressed length beyond the data";
        return std::nullopt;
    }
    z_stream stream{};
    if (inflateInit(&stream) != Z_OK) {
        error = "zlib cannot start";
        return std::nullopt;
    }
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data() + 8));
    stream.avail_in = static_cast<uInt>(length);
    std::array<char, 65536> chunk{};
    std::string inflated;
    int status = Z_OK;
    while (status == Z_OK) {
        stream.next_out = reinterpret_cast<Bytef*>(chunk.data());
        stream.avail_out = static_cast<uInt>(chunk.size());
        status = inflate(&stream, Z_NO_FLUSH);
        inflated.append(chunk.data(), chunk.size() - stream.avail_out);
        if (inflated.size() > (std::size_t{1} << 28)) {
            status = Z_DATA_ERROR; // no honest histogram inflates this far
        }
    }
    inflateEnd(&stream);
    if (status != Z_STREAM_END || inflated.size() < header_size || get(inflated, 0, 4) != v2_cookie) {
        error = "bad compressed payload";
        return std::nullopt;
    }
    const std::size_t payload_length = get(inflated, 4, 4);
    histogram_config config;
    config.significant_digits = static_cast<int>(get(inflated, 12, 4));
    config.lowest_discernible = static_cast<std::int64_t>(get(inflated, 16, 8));
    config.highest_trackable = static_cast<std::int64_t>(get(inflated, 24, 8));
    if (payload_length > inflated.size() - header_size || get(inflated, 8, 4) != 0) {
        error = "bad payload length or a normalizing offset this reader does not support";
        return std::nullopt;
    }
    std::optional<histogram> h;
    try {
        h.emplace(config);
    } catch (const std::invalid_argument& e) {
        error = e.what();
        return std::nullopt;
    }
    std::size_t at = header_size;
    const std::size_t end = header_size + payload_length;
    std::size_t index = 0;
    const std::string_view payload(inflated.data(), end);
    while (at < end) {
        std::int64_t value = 0;
        if (!get_zigzag(payload, at, value)) {
            error = "truncated counts";
            return std::nullopt;
        }
        if (value < 0) {
            index += static_cast<std::size_t>(-value);
        } else {
            if (index >= h->counts_length()) {
                error = "counts beyond the histogram's range";
                return std::nullopt;
            }
            h->set_count_at_index(index++, value);
        }
    }
    return h;
}

std::string base64_encode(std::string_view bytes) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const std::uint32_t n = (static_cast<unsigned char>(bytes[i]) << 16) |
                                (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                                static_cast<unsigned char>(bytes[i + 2]);
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
        out += alphabet[(n >> 6) & 63];
        out += alphabet[n & 63];
    }
    if (i < bytes.size()) {
        std::uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
        if (i + 1 < bytes.size()) {
            n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        }
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
        out += i + 1 < bytes.size() ? alphabet[(n >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
    auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '+' ? 62 : c == '/' ? 63 : -1;
    };
    if (text.size() % 4 != 0) {
        return std::nullopt;
    }
    std::string out;
    for (std::size_t i = 0; i < text.size(); i += 4) {
        int v[4];
        int pad = 0;
        for (int j = 0; j < 4; ++j) {
            const char c = text[i + static_cast<std::size_t>(j)];
            if (c == '=' && i + 4 == text.size() && j >= 2) {
                v[j] = 0;
                ++pad;
            } else if ((v[j] = value(c)) < 0 || pad > 0) {
                return std::nullopt;
            }
        }
        const std::uint32_t n = (static_cast<std::uint32_t>(v[0]) << 18) |
                                (static_cast<std::uint32_t>(v[1]) << 12) |
                                (static_cast<std::uint32_t>(v[2]) << 6) | static_cast<std::uint32_t>(v[3]);
        out += static_cast<char>((n >> 16) & 0xFF);
        if (pad < 2) {
            out += static_cast<char>((n >> 8) & 0xFF);
        }
        if (pad < 1) {
            out += static_cast<char>(n & 0xFF);
        }
    }
    return out;
}

} // namespace harness::hdr
