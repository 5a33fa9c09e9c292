import Foundation

/// The header of a safetensors file, parsed and checked against the file's size.
///
/// Layout: an 8-byte little-endian length N, N bytes of JSON (padded with spaces), then the data
/// section. The checks are those of the reference implementation (Rust `safetensors`), so a
/// file accepted here is one Python accepts too: every tensor's byte count equals
/// dtype × shape, and the tensors tile the data section exactly, without gaps or overlaps.
struct SafeTensorsHeader {
    let tensors: [String: TensorInfo]
    let metadata: [String: String]
    /// Offset of the data section from the start of the file.
    let dataStart: Int

    init(file bytes: UnsafeRawBufferPointer, path: String) throws(SafeTensorsError) {
        guard bytes.count >= 8 else {
            throw .truncated(path: path, detail: "the file has \(bytes.count) bytes, fewer than the 8-byte header length")
        }
        let declared = UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self))
        let available = bytes.count - 8
        guard declared <= UInt64(available) else {
            throw .truncated(path: path, detail: "the header declares \(declared) bytes but only \(available) follow the length field")
        }
        dataStart = 8 + Int(declared)
        let json = Data(bytes[8..<dataStart])
        let raw: RawHeader
        do {
            raw = try JSONDecoder().decode(RawHeader.self, from: json)
        } catch let error as DecodingError {
            throw .invalidHeader(path: path, detail: error.summary)
        } catch {
            throw .invalidHeader(path: path, detail: "\(error)")
        }
        metadata = raw.metadata
        var tensors: [String: TensorInfo] = [:]
        for (name, entry) in raw.entries {
            tensors[name] = try Self.validate(entry, name: name, path: path)
        }
        try Self.checkTiling(tensors.values, dataSize: bytes.count - dataStart, path: path)
        self.tensors = tensors
    }

    /// Turns one header entry into a ``TensorInfo`` whose byte count matches dtype × shape.
    private static func validate(_ entry: RawHeader.Entry, name: String,
                                 path: String) throws(SafeTensorsError) -> TensorInfo {
        guard let dtype = DType(rawValue: entry.dtype) else {
            throw .unsupportedDType(path: path, tensor: name, dtype: entry.dtype, detail: "unknown to this reader")
        }
        guard entry.shape.allSatisfy({ $0 >= 0 }) else {
            throw .invalidHeader(path: path, detail: "tensor \(name) has a negative dimension in shape \(entry.shape)")
        }
        guard entry.dataOffsets.count == 2, entry.dataOffsets[0] >= 0, entry.dataOffsets[0] <= entry.dataOffsets[1] else {
            throw .invalidHeader(path: path, detail: "tensor \(name) has data_offsets \(entry.dataOffsets); expected [begin, end] with 0 ≤ begin ≤ end")
        }
        var bits = dtype.bitWidth
        for dimension in entry.shape {
            let (product, overflow) = bits.multipliedReportingOverflow(by: dimension)
            guard !overflow else {
                throw .invalidHeader(path: path, detail: "tensor \(name): shape \(entry.shape) is too large")
            }
            bits = product
        }
        guard bits % 8 == 0 else {
            throw .invalidHeader(path: path, detail: "tensor \(name) (\(dtype.rawValue) \(entry.shape)) does not fill whole bytes")
        }
        let offsets = entry.dataOffsets[0]..<entry.dataOffsets[1]
        guard offsets.count == bits / 8 else {
            throw .invalidHeader(path: path, detail: "tensor \(name) (\(dtype.rawValue) \(entry.shape)) needs \(bits / 8) bytes but data_offsets \(entry.dataOffsets) span \(offsets.count)")
        }
        return TensorInfo(name: name, dtype: dtype, shape: entry.shape, dataOffsets: offsets)
    }

    /// Requires the tensors to cover the data section exactly, in offset order.
    private static func checkTiling(_ tensors: some Collection<TensorInfo>, dataSize: Int,
                                    path: String) throws(SafeTensorsError) {
        var expectedStart = 0
        let ordered = tensors.sorted {
            ($0.dataOffsets.lowerBound, $0.dataOffsets.upperBound) < ($1.dataOffsets.lowerBound, $1.dataOffsets.upperBound)
        }
        for tensor in ordered {
            // Checked first: a cut-off download shows up as the last tensor running past the end.
            guard tensor.dataOffsets.upperBound <= dataSize else {
                throw .truncated(path: path, detail: "tensor \(tensor.name) needs data bytes \(tensor.dataOffsets.lowerBound)..<\(tensor.dataOffsets.upperBound) but the data section holds only \(dataSize)")
            }
            guard tensor.dataOffsets.lowerBound == expectedStart else {
                let problem = tensor.dataOffsets.lowerBound < expectedStart ? "overlaps the previous tensor" : "leaves a gap after the previous tensor"
                throw .invalidHeader(path: path, detail: "tensor \(tensor.name) starts at data byte \(tensor.dataOffsets.lowerBound) and \(problem), which ends at \(expectedStart)")
            }
            expectedStart = tensor.dataOffsets.upperBound
        }
        guard expectedStart == dataSize else {
            throw .invalidHeader(path: path, detail: "the tensors cover \(expectedStart) bytes but the data section holds \(dataSize)")
        }
    }
}

/// The header JSON as written: tensor entries plus the optional `__metadata__` string map.
private struct RawHeader: Decodable {
    struct Entry: Decodable {
        let dtype: String
        let shape: [Int]
        let dataOffsets: [Int]

        enum CodingKeys: String, CodingKey {
            case dtype, shape
            case dataOffsets = "data_offsets"
        }
    }

    private struct Key: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    var entries: [String: Entry] = [:]
    var metadata: [String: String] = [:]

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        for key in container.allKeys {
            if key.stringValue == "__metadata__" {
                metadata = try container.decodeIfPresent([String: String].self, forKey: key) ?? [:]
            } else {
                entries[key.stringValue] = try container.decode(Entry.self, forKey: key)
            }
        }
    }
}
