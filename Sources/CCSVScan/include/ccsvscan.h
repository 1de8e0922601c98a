// The CSV scanner's block classifier: where, among 64 bytes, the delimiters are, and the other bytes
// that need a closer look.
//
// A C target because Swift has no portable way to turn a vector comparison into a bit mask
// (SSE2's movemask, NEON's narrowing); the scanner then walks fields by trailing-zero counts
// instead of a table lookup per byte. Part of okrsheet, built by the Swift toolchain's clang; no
// library is linked.
#ifndef OKRSHEET_CCSVSCAN_H
#define OKRSHEET_CCSVSCAN_H

#include <stdint.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#elif defined(__ARM_NEON)
#include <arm_neon.h>
#endif

/// The masks of one block: bit k describes p[k].
typedef struct {
    /// p[k] is the delimiter.
    uint64_t delimiters;
    /// p[k] is '"', '\n', '\r', NUL or `other` (the output delimiter, or '"' again when it is the
    /// delimiter).
    uint64_t stops;
} okrsheet_csv_masks;

/// Classifies the 64 bytes at p, which must all be readable.
static inline okrsheet_csv_masks okrsheet_csv_block_masks(const uint8_t *p, uint8_t delimiter, uint8_t other) {
    okrsheet_csv_masks masks = {0, 0};
#if defined(__SSE2__)
    const __m128i vd = _mm_set1_epi8((char)delimiter), vo = _mm_set1_epi8((char)other);
    const __m128i vq = _mm_set1_epi8('"'), vlf = _mm_set1_epi8('\n'), vcr = _mm_set1_epi8('\r');
    const __m128i zero = _mm_setzero_si128();
    for (int k = 0; k < 4; k++) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k));
        __m128i s = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, vq), _mm_cmpeq_epi8(x, vlf)),
                                 _mm_or_si128(_mm_cmpeq_epi8(x, vcr), _mm_or_si128(_mm_cmpeq_epi8(x, zero), _mm_cmpeq_epi8(x, vo))));
        masks.delimiters |= (uint64_t)(uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(x, vd)) << (16 * k);
        masks.stops |= (uint64_t)(uint32_t)_mm_movemask_epi8(s) << (16 * k);
    }
#elif defined(__ARM_NEON)
    static const uint8_t weights[16] = {1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128};
    const uint8x16_t w = vld1q_u8(weights);
    const uint8x16_t vd = vdupq_n_u8(delimiter), vo = vdupq_n_u8(other);
    const uint8x16_t vq = vdupq_n_u8('"'), vlf = vdupq_n_u8('\n'), vcr = vdupq_n_u8('\r');
    for (int k = 0; k < 4; k++) {
        uint8x16_t x = vld1q_u8(p + 16 * k);
        uint8x16_t s = vorrq_u8(vorrq_u8(vceqq_u8(x, vq), vceqq_u8(x, vlf)),
                                vorrq_u8(vceqq_u8(x, vcr), vorrq_u8(vceqzq_u8(x), vceqq_u8(x, vo))));
        uint8x16_t d = vandq_u8(vceqq_u8(x, vd), w);
        s = vandq_u8(s, w);
        // One bit per byte: the lanes weigh 1, 2, 4 … 128; each half adds up to a byte.
        masks.delimiters |= ((uint64_t)vaddv_u8(vget_low_u8(d)) | ((uint64_t)vaddv_u8(vget_high_u8(d)) << 8)) << (16 * k);
        masks.stops |= ((uint64_t)vaddv_u8(vget_low_u8(s)) | ((uint64_t)vaddv_u8(vget_high_u8(s)) << 8)) << (16 * k);
    }
#else
    for (int k = 0; k < 64; k++) {
        uint8_t x = p[k];
        if (x == delimiter) masks.delimiters |= (uint64_t)1 << k;
        if (x == '"' || x == '\n' || x == '\r' || x == 0 || x == other) masks.stops |= (uint64_t)1 << k;
    }
#endif
    return masks;
}

#endif
