#include "shrinker.hpp"

namespace harness::explore {

namespace {

class shrinking {
public:
    shrinking(sequence failing, const std::function<bool(const sequence&)>& fails, int max_attempts)
        : best_(std::move(failing)), fails_(fails), max_attempts_(max_attempts) {}

    shrink_result run() {
        bool progress = true;
        while (progress && attempts_ < max_attempts_) {
            progress = drop_steps();
            progress = simplify_steps() || progress;
            progress = simplify_payloads() || progress;
        }
        return {std::move(best_), attempts_};
    }

private:
    // Keeps `candidate` when it still fails.
    bool try_candidate(sequence candidate) {
        if (attempts_ >= max_attempts_) {
            return false;
        }
        ++attempts_;
        if (!fails_(candidate)) {
            return false;
        }
        best_ = std::move(candidate);
        return true;
    }

    bool drop_steps() {
        bool any = false;
        for (std::size_t i = 0; i < best_.ops.size() && best_.ops.size() > 1;) {
            sequence candidate = best_;
            candidate.ops.erase(candidate.ops.begin() + static_cast<std::ptrdiff_t>(i));
            if (try_candidate(std::move(candidate))) {
                any = true; // the step at i is now the next one
            } else {
                ++i;
            }
        }
        return any;
    }

    // The simpler forms of one step, simplest first.
    static std::vector<op> simpler(const op& o) {
        std::vector<op> out;
        if (o.copies > 2) {
            op two = o;
            two.copies = 2;
            out.push_back(two);
        }
        if (o.kind == op_kind::burst) {
            op single = o;
            single.kind = op_kind::send;
            single.copies = 1;
            out.push_back(single);
        }
        if (o.form != body_form::plain) {
            op plain = o;
            plain.form = body_form::plain;
            out.push_back(plain);
        }
        if (o.caller != 0 || o.conversation != 0) {
            op first = o;
            first.caller = 0;
            first.conversation = 0;
            out.push_back(first);
        }
        return out;
    }

    bool simplify_steps() {
        bool any = false;
        for (std::size_t i = 0; i < best_.ops.size(); ++i) {
            for (const op& simpler_op : simpler(best_.ops[i])) {
                sequence candidate = best_;
                candidate.ops[i] = simpler_op;
                if (try_candidate(std::move(candidate))) {
                    any = true;
                    break;
                }
            }
        }
        return any;
    }

    bool simplify_payloads() {
        bool any = false;
        for (std::size_t i = 0; i < best_.payloads.size(); ++i) {
            const payload& p = best_.payloads[i];
            if (p.text == std::optional<std::string>("x") && !p.company) {
                continue;
            }
            sequence candidate = best_;
            candidate.payloads[i].text = "x";
            candidate.payloads[i].company.reset();
            any = try_candidate(std::move(candidate)) || any;
        }
        return any;
    }

    sequence best_;
    const std::function<bool(const sequence&)>& fails_;
    int max_attempts_;
    int attempts_ = 0;
};

} // namespace

shrink_result shrink(const sequence& failing, const std::function<bool(const sequence&)>& fails,
                     int max_attempts) {
    return shrinking(failing, fails, max_attempts).run();
}

} // namespace harness::explore
