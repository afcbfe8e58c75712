#include "sampled_validator.hpp"

#include <chrono>
#include <cstring>

#include <boost/json/parse.hpp>

namespace harness::load {

sampled_validator::sampled_validator(const contract::operation& operation, std::size_t every, std::size_t slots,
                                     std::size_t slot_bytes)
    : operation_(operation), every_(every), slot_bytes_(slot_bytes) {
    if (every_ == 0) {
        return;
    }
    headers_.resize(slots);
    bytes_.resize(slots * slot_bytes);
    thread_ = std::thread([this] { validate_loop(); });
}

sampled_validator::~sampled_validator() {
    finish();
}

void sampled_validator::offer(int status, bool json_content_type, std::string_view body) noexcept {
    if (every_ == 0 || ++since_sample_ < every_) {
        return;
    }
    since_sample_ = 0;
    const std::uint64_t head = head_.load(std::memory_order_relaxed);
    if (body.size() > slot_bytes_ || head - tail_.load(std::memory_order_acquire) == headers_.size()) {
        ++not_validated_;
        return;
    }
    const std::size_t index = static_cast<std::size_t>(head % headers_.size());
    headers_[index] = {status, json_content_type, body.size()};
    std::memcpy(bytes_.data() + index * slot_bytes_, body.data(), body.size());
    head_.store(head + 1, std::memory_order_release);
}

void sampled_validator::validate_loop() {
    while (true) {
        const std::uint64_t tail = tail_.load(std::memory_order_relaxed);
        if (tail == head_.load(std::memory_order_acquire)) {
            if (stopping_.load(std::memory_order_acquire) && tail == head_.load(std::memory_order_acquire)) {
                return;
            }
            // Idle: a short sleep costs less than a wake-up per reply on the worker's side.
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
            continue;
        }
        const std::size_t index = static_cast<std::size_t>(tail % headers_.size());
        const slot_header& header = headers_[index];
        validate_one(header, std::string_view(bytes_.data() + index * slot_bytes_, header.size));
        tail_.store(tail + 1, std::memory_order_release);
    }
}

void sampled_validator::validate_one(const slot_header& header, std::string_view body) {
    ++counts_.validated;
    std::string problem;
    boost::system::error_code ec;
    const boost::json::value parsed = boost::json::parse(body, ec);
    if (!header.json_content_type) {
        problem = "status " + std::to_string(header.status) + ": not a JSON content type";
    } else if (ec) {
        problem = "status " + std::to_string(header.status) + ": the body is not JSON (" + ec.message() + ")";
    } else if (const contract::response_spec* spec = operation_.response_for(header.status); spec == nullptr) {
        problem = "status " + std::to_string(header.status) + " is not among the contract's responses";
    } else if (spec->json && spec->json->validator) {
        const contract::violations found = spec->json->validator->validate(parsed);
        if (!found.empty()) {
            problem = "status " + std::to_string(header.status) + ": " + found.front().to_string();
        }
    }
    if (!problem.empty()) {
        ++counts_.violating;
        if (counts_.first_violation.empty()) {
            counts_.first_violation = std::move(problem);
        }
    }
}

validation_counts sampled_validator::finish() {
    if (thread_.joinable()) {
        stopping_.store(true, std::memory_order_release);
        thread_.join();
    }
    validation_counts result = counts_;
    result.not_validated = not_validated_;
    return result;
}

} // namespace harness::load
