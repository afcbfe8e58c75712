#include "field_allocator.hpp"

namespace harness::mock::field_blocks {

namespace {

struct free_block {
    free_block* next;
};

// One thread's kept blocks. Its destructor returns them to the heap when the thread ends; blocks given back
// after that (a reply outliving its thread's pool) go straight to the heap.
struct pool {
    std::array<free_block*, class_count> heads{};
    std::array<std::size_t, class_count> counts{};

    ~pool() {
        for (free_block* head : heads) {
            while (head != nullptr) {
                free_block* next = head->next;
                ::operator delete(head);
                head = next;
            }
        }
        gone() = true;
    }

    static bool& gone() noexcept {
        thread_local bool flag = false; // trivially destructible: still readable after the pool is gone
        return flag;
    }
};

pool* this_threads_pool() noexcept {
    if (pool::gone()) {
        return nullptr;
    }
    thread_local pool mine;
    return &mine;
}

// The class whose blocks hold `bytes`, or class_count when the block is too large to keep.
std::size_t class_of(std::size_t bytes) noexcept {
    return bytes == 0 ? 0 : (bytes - 1) / class_bytes;
}

} // namespace

void* take(std::size_t bytes) {
    const std::size_t c = class_of(bytes);
    if (c >= class_count) {
        return ::operator new(bytes);
    }
    pool* p = this_threads_pool();
    if (p != nullptr && p->heads[c] != nullptr) {
        free_block* block = p->heads[c];
        p->heads[c] = block->next;
        --p->counts[c];
        return block;
    }
    return ::operator new((c + 1) * class_bytes);
}

void give(void* block, std::size_t bytes) noexcept {
    if (block == nullptr) {
        return;
    }
    const std::size_t c = class_of(bytes);
    pool* p = c < class_count ? this_threads_pool() : nullptr;
    if (p == nullptr || p->counts[c] >= kept_per_class) {
        ::operator delete(block);
        return;
    }
    auto* kept = static_cast<free_block*>(block);
    kept->next = p->heads[c];
    p->heads[c] = kept;
    ++p->counts[c];
}

std::size_t kept_by_this_thread() noexcept {
    const pool* p = this_threads_pool();
    std::size_t total = 0;
    if (p != nullptr) {
        for (const std::size_t count : p->counts) {
            total += count;
        }
    }
    return total;
}

} // namespace harness::mock::field_blocks
