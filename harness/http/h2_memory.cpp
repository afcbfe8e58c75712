#include "h2_memory.hpp"

#include <cstring>
#include <new>

namespace harness::http {

namespace {

// Each block starts with a header naming its class (max_align_t keeps what follows aligned as malloc's is).
struct alignas(std::max_align_t) block_header {
    std::size_t size_class; // class_count for a block too large for any class
    std::size_t bytes;      // what the block holds
};

constexpr std::size_t smallest = 32;

std::size_t class_size(std::size_t size_class) {
    return smallest << size_class;
}

block_header* header_of(void* pointer) {
    return static_cast<block_header*>(pointer) - 1;
}

} // namespace

h2_memory::h2_memory() {
    mem_.mem_user_data = this;
    mem_.malloc = &h2_memory::nghttp2_malloc;
    mem_.free = &h2_memory::nghttp2_free;
    mem_.calloc = &h2_memory::nghttp2_calloc;
    mem_.realloc = &h2_memory::nghttp2_realloc;
}

h2_memory::~h2_memory() {
    for (void*& list : free_lists_) {
        while (list != nullptr) {
            void* next = *static_cast<void**>(list);
            ::operator delete(header_of(list));
            list = next;
        }
    }
}

void* h2_memory::allocate(std::size_t size) {
    std::size_t size_class = 0;
    while (size_class < class_count && class_size(size_class) < size) {
        ++size_class;
    }
    if (size_class < class_count && free_lists_[size_class] != nullptr) {
        void* block = free_lists_[size_class];
        free_lists_[size_class] = *static_cast<void**>(block);
        return block;
    }
    const std::size_t bytes = size_class < class_count ? class_size(size_class) : size;
    auto* header = static_cast<block_header*>(::operator new(sizeof(block_header) + bytes, std::nothrow));
    if (header == nullptr) {
        return nullptr;
    }
    header->size_class = size_class;
    header->bytes = bytes;
    return header + 1;
}

void h2_memory::release(void* pointer) noexcept {
    if (pointer == nullptr) {
        return;
    }
    const std::size_t size_class = header_of(pointer)->size_class;
    if (size_class >= class_count) {
        ::operator delete(header_of(pointer));
        return;
    }
    *static_cast<void**>(pointer) = free_lists_[size_class];
    free_lists_[size_class] = pointer;
}

void* h2_memory::resize(void* pointer, std::size_t size) {
    if (pointer == nullptr) {
        return allocate(size);
    }
    const std::size_t size_class = header_of(pointer)->size_class;
    if (size_class < class_count && size <= class_size(size_class)) {
        return pointer;
    }
    void* moved = allocate(size);
    if (moved != nullptr) {
        const std::size_t old_size = header_of(pointer)->bytes;
        std::memcpy(moved, pointer, old_size < size ? old_size : size);
        release(pointer);
    }
    return moved;
}

void* h2_memory::nghttp2_malloc(std::size_t size, void* self) {
    return static_cast<h2_memory*>(self)->allocate(size);
}

void h2_memory::nghttp2_free(void* pointer, void* self) {
    static_cast<h2_memory*>(self)->release(pointer);
}

void* h2_memory::nghttp2_calloc(std::size_t count, std::size_t size, void* self) {
    void* block = static_cast<h2_memory*>(self)->allocate(count * size);
    if (block != nullptr) {
        std::memset(block, 0, count * size);
    }
    return block;
}

void* h2_memory::nghttp2_realloc(void* pointer, std::size_t size, void* self) {
    return static_cast<h2_memory*>(self)->resize(pointer, size);
}

} // namespace harness::http
