import CSHA256
import Foundation

/// SHA-256 (FIPS 180-4), to tie a tagger folder to the exact vector file it was trained with
/// and to name a tagger by its weights (the package has no crypto dependency): the CPU's SHA
/// extensions where it has them (`CSHA256`), portable rounds elsewhere.
public enum SHA256 {
    /// The lower-case hex digest of a file's bytes (read memory-mapped).
    public static func hexDigest(ofFile url: URL) throws -> String {
        hexDigest(of: try Data(contentsOf: url, options: .alwaysMapped))
    }

    /// The lower-case hex digest of `bytes`.
    public static func hexDigest(of bytes: Data) -> String {
        hexDigest(of: bytes, hardware: true)
    }

    /// The digest, computed with the CPU's SHA extensions when `hardware` and the CPU has them,
    /// else by the portable rounds below (the tests compare the two).
    static func hexDigest(of bytes: Data, hardware: Bool) -> String {
        var state: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
        let bitLength = UInt64(bytes.count) * 8
        var tail = [UInt8](bytes.suffix(bytes.count % 64))
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        bytes.withUnsafeBytes { compressBlocks(&state, UnsafeRawBufferPointer(rebasing: $0[..<($0.count - $0.count % 64)]), hardware: hardware) }
        tail.withUnsafeBytes { compressBlocks(&state, $0, hardware: hardware) }
        return state.map { word in
            let hex = String(word, radix: 16)
            return String(repeating: "0", count: 8 - hex.count) + hex
        }.joined()
    }

    /// Every 64-byte block of `blocks` (a multiple of 64 bytes) into `state`.
    private static func compressBlocks(_ state: inout [UInt32], _ blocks: UnsafeRawBufferPointer, hardware: Bool) {
        guard let base = blocks.baseAddress, !blocks.isEmpty else { return }
        if hardware, coatt_sha256_blocks(&state, base.assumingMemoryBound(to: UInt8.self), blocks.count / 64) != 0 { return }
        var words = (state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7])
        // The message schedule lives on the stack, reused for every block.
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
            let constants = UnsafeBufferPointer(start: coatt_sha256_round_constants(), count: 64)
            for block in stride(from: 0, to: blocks.count, by: 64) {
                compress(&words, UnsafeRawBufferPointer(rebasing: blocks[block..<block + 64]), schedule, constants)
            }
        }
        state = [words.0, words.1, words.2, words.3, words.4, words.5, words.6, words.7]
    }

    /// One 64-byte block into the state; `w` is scratch space for the 64-word schedule.
    @inline(__always)
    private static func compress(_ state: inout (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32),
                                 _ block: UnsafeRawBufferPointer, _ w: UnsafeMutableBufferPointer<UInt32>,
                                 _ k: UnsafeBufferPointer<UInt32>) {
        for t in 0..<16 { w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 4 * t, as: UInt32.self)) }
        func rotate(_ x: UInt32, _ n: UInt32) -> UInt32 { x >> n | x << (32 - n) }
        for t in 16..<64 {
            let s0 = rotate(w[t - 15], 7) ^ rotate(w[t - 15], 18) ^ (w[t - 15] >> 3)
            let s1 = rotate(w[t - 2], 17) ^ rotate(w[t - 2], 19) ^ (w[t - 2] >> 10)
            w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
        }
        var (a, b, c, d, e, f, g, h) = state
        for t in 0..<64 {
            let t1 = h &+ (rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)) &+ (e & f ^ ~e & g) &+ k[t] &+ w[t]
            let t2 = (rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)) &+ (a & b ^ a & c ^ b & c)
            (h, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
        }
        state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e, state.5 &+ f, state.6 &+ g, state.7 &+ h)
    }
}
