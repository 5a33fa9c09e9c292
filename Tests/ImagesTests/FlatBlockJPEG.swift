/// Writes baseline JPEGs by hand whose 8×8 blocks are each one flat colour, so the tests can
/// make gray, CMYK and EXIF-rotated files without an encoder. With quantisation 1 and only DC
/// coefficients, libjpeg's ISLOW IDCT reproduces every stored value exactly.
enum FlatBlockJPEG {
    /// - Parameters:
    ///   - blocks: row-major over a `columns × rows` grid, each block's value per component
    ///     (1 component: grayscale; 4: CMYK).
    ///   - adobe: adds an APP14 "Adobe" marker (transform 0), which marks CMYK as inverted inks.
    ///   - orientation: adds an APP1 EXIF payload with this Orientation tag.
    static func make(columns: Int, rows: Int, blocks: [[UInt8]], adobe: Bool = false, orientation: Int? = nil) -> [UInt8] {
        let components = blocks[0].count
        precondition(blocks.count == columns * rows && blocks.allSatisfy { $0.count == components })
        var out: [UInt8] = [0xFF, 0xD8]
        if let orientation {
            let tiff: [UInt8] = [0x4D, 0x4D, 0, 42, 0, 0, 0, 8, 0, 1,  // big-endian, IFD0 at 8, one entry
                                 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, UInt8(orientation), 0, 0, 0, 0, 0, 0]
            out += segment(0xE1, Array("Exif\0\0".utf8) + tiff)
        }
        if adobe { out += segment(0xEE, Array("Adobe".utf8) + [0, 100, 0, 0, 0, 0, 0]) }
        out += segment(0xDB, [0] + [UInt8](repeating: 1, count: 64))
        out += segment(0xC0, [8, UInt8(rows * 8 >> 8), UInt8(rows * 8 & 0xFF), UInt8(columns * 8 >> 8),
                              UInt8(columns * 8 & 0xFF), UInt8(components)]
                             + (1...components).flatMap { [UInt8($0), 0x11, 0] })
        // DC: categories 0–11 as 4-bit codes equal to the category; AC: only end-of-block, code "0".
        out += segment(0xC4, [0x00, 0, 0, 0, 12] + [UInt8](repeating: 0, count: 12) + (0...11).map { UInt8($0) })
        out += segment(0xC4, [0x10, 1] + [UInt8](repeating: 0, count: 15) + [0])
        out += segment(0xDA, [UInt8(components)] + (1...components).flatMap { [UInt8($0), 0] } + [0, 63, 0])
        out += entropyData(blocks, components: components)
        return out + [0xFF, 0xD9]
    }

    private static func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
        [0xFF, marker, UInt8((payload.count + 2) >> 8), UInt8((payload.count + 2) & 0xFF)] + payload
    }

    /// Blocks in raster order, each component's block in turn (one MCU per block position).
    private static func entropyData(_ blocks: [[UInt8]], components: Int) -> [UInt8] {
        var bits = BitWriter()
        var predictions = [Int](repeating: 0, count: components)
        for block in blocks {
            for component in 0..<components {
                let dc = 8 * (Int(block[component]) - 128)  // the DC of a flat block, level-shifted
                let difference = dc - predictions[component]
                predictions[component] = dc
                let category = difference == 0 ? 0 : Int.bitWidth - difference.magnitude.leadingZeroBitCount
                bits.append(category, count: 4)
                bits.append(difference >= 0 ? difference : difference + (1 << category) - 1, count: category)
                bits.append(0, count: 1)  // end of block
            }
        }
        return bits.finished()
    }

    private struct BitWriter {
        private var bytes: [UInt8] = []
        private var accumulator = 0, pending = 0

        mutating func append(_ value: Int, count: Int) {
            for shift in stride(from: count - 1, through: 0, by: -1) {
                accumulator = accumulator << 1 | (value >> shift & 1)
                pending += 1
                if pending == 8 { flushByte() }
            }
        }

        /// Pads the last byte with 1 bits, as the standard asks.
        mutating func finished() -> [UInt8] {
            while pending != 0 { append(1, count: 1) }
            return bytes
        }

        private mutating func flushByte() {
            bytes.append(UInt8(accumulator))
            if accumulator == 0xFF { bytes.append(0) }  // byte stuffing
            (accumulator, pending) = (0, 0)
        }
    }
}
