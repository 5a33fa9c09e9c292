#ifndef COATT_CSHA256_H
#define COATT_CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// Runs `blocks` 64-byte blocks of `data` through the SHA-256 compression function, updating
/// `state` (the eight working words, as FIPS 180-4 numbers them), with the CPU's SHA extensions.
/// Returns 0 without touching `state` when the CPU has none: the caller compresses in software.
int coatt_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

/// The 64 round constants K of FIPS 180-4 (for the portable rounds too: one table).
const uint32_t *coatt_sha256_round_constants(void);

#endif
