#pragma once
// A connection's one deadline (nginx's way of timing out idle or slow clients): a time that every request
// moves on, watched by a timer that is only re-armed when it fires. Beast's per-operation timeouts instead
// armed, cancelled and completed a timer in each read and each write of every request, a tenth of the mock's
// time per request on one core. Only included by http1_session.hpp.

#include <chrono>
#include <functional>
#include <memory>
#include <utility>

#include <boost/asio/steady_timer.hpp>

namespace harness::mock {

class connection_deadline {
public:
    using clock = std::chrono::steady_clock;

    template <typename Executor>
    explicit connection_deadline(const Executor& executor) : timer_(executor) {}

    // Starts watching. `expired` runs once, when the deadline passes without having been moved on, and only
    // while `owner` is alive (the timer's handler holds it weakly, so the watch never keeps a connection).
    void watch(std::weak_ptr<void> owner, std::function<void()> expired) {
        owner_ = std::move(owner);
        expired_ = std::move(expired);
        wait();
    }

    // Moves the deadline (earlier or later). Costs no timer operation unless it moves earlier than the wait
    // under way, which only the short closing deadlines do.
    void set(clock::time_point at) {
        const bool earlier = at < at_;
        at_ = at;
        if (earlier && expired_) {
            wait(); // re-arming cancels the later wait, whose handler then does nothing
        }
    }

    void stop() {
        expired_ = nullptr;
        timer_.cancel();
    }

private:
    void wait() {
        timer_.expires_at(at_);
        timer_.async_wait([this, owner = owner_](const boost::system::error_code& ec) {
            if (ec) {
                return; // cancelled: re-armed, stopped, or the connection is gone (`this` may be too)
            }
            const std::shared_ptr<void> alive = owner.lock();
            if (!alive || !expired_) {
                return;
            }
            if (clock::now() < at_) {
                return wait(); // moved on since this wait began
            }
            std::function<void()> expired = std::move(expired_);
            expired_ = nullptr;
            expired();
        });
    }

    boost::asio::steady_timer timer_;
    clock::time_point at_ = clock::time_point::max();
    std::weak_ptr<void> owner_;
    std::function<void()> expired_;
};

} // namespace harness::mock
