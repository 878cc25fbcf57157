/* hash.h - the byte and integer hashes shared by the string table and the tree. */
#ifndef FLAMEX_HASH_H
#define FLAMEX_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* 64x64 -> 128 multiply folded to 64 bits (the core of wyhash-style mixing). */
static inline uint64_t hash_mum(uint64_t a, uint64_t b)
{
    __uint128_t r = (__uint128_t)a * b;
    return (uint64_t)r ^ (uint64_t)(r >> 64);
}

/* Hash n bytes at p, eight bytes per step; pure function of the bytes. */
static inline uint64_t hash_bytes(const void *data, size_t n)
{
    const unsigned char *p = data;
    uint64_t h = 0x9E3779B97F4A7C15ull ^ n;
    while (n >= 8) {
        uint64_t v;
        memcpy(&v, p, 8);
        h = hash_mum(h ^ v, 0xA0761D6478BD642Full);
        p += 8;
        n -= 8;
    }
    if (n) {
        uint64_t t = 0;
        memcpy(&t, p, n);
        h = hash_mum(h ^ t, 0xE7037ED1A0B428DBull);
    }
    return hash_mum(h, 0x8EBC6AF09C88C6E3ull);
}

/* Hash a 64-bit key (e.g. parent id << 32 | name id). */
static inline uint64_t hash_u64(uint64_t key)
{
    return hash_mum(key ^ 0x9E3779B97F4A7C15ull, 0xA0761D6478BD642Full);
}

#endif
