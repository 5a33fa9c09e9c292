import Foundation

/// Writes Float32 tensors in the safetensors format, laid out exactly as the reference
/// implementation (Python/Rust `safetensors`) lays them out: compact header JSON with
/// `__metadata__` first, tensors in name order (by UTF-8 bytes) and contiguous, the header
/// padded with spaces to a multiple of 8 bytes. With at most one metadata entry the bytes are
/// identical to `safetensors.numpy.save_file`'s; with more, only the order of the metadata keys
/// can differ, since the reference writes them in hash order.
public enum SafeTensorsWriter {
    /// One tensor to write: its name, its row-major shape and `shape.product` values.
    public typealias Tensor = (name: String, shape: [Int], values: [Float])

    /// Writes `tensors` to `url`, replacing any existing file atomically, so a process that
    /// has the old file mapped keeps reading consistent data.
    public static func write(tensors: [Tensor], metadata: [String: String] = [:],
                             to url: URL) throws(SafeTensorsError) {
        let bytes = try encode(tensors: tensors, metadata: metadata)
        do {
            try bytes.write(to: url, options: .atomic)
        } catch {
            throw .cannotWrite(path: url.path, reason: error.localizedDescription)
        }
    }

    /// Writes the tensors of a name → (shape, values) dictionary; see ``write(tensors:metadata:to:)``.
    public static func write(tensors: [String: (shape: [Int], values: [Float])],
                             metadata: [String: String] = [:], to url: URL) throws(SafeTensorsError) {
        try write(tensors: tensors.map { (name: $0.key, shape: $0.value.shape, values: $0.value.values) }, metadata: metadata, to: url)
    }

    /// The complete file contents, for callers that keep the bytes in memory.
    public static func encode(tensors: [Tensor], metadata: [String: String] = [:]) throws(SafeTensorsError) -> Data {
        try validate(tensors)
        let ordered = tensors.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        var header = Array(headerJSON(ordered, metadata: metadata).utf8)
        header.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (8 - header.count % 8) % 8))

        var data = Data(capacity: 8 + header.count + ordered.reduce(0) { $0 + $1.values.count * 4 })
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: header)
        for tensor in ordered {
            tensor.values.withUnsafeBytes { data.append(contentsOf: $0) }
        }
        return data
    }

    private static func validate(_ tensors: [Tensor]) throws(SafeTensorsError) {
        var seen: Set<String> = []
        for tensor in tensors {
            guard tensor.name != "__metadata__" else {
                throw .invalidTensor(name: tensor.name, detail: "the name is reserved for the header's metadata")
            }
            guard seen.insert(tensor.name).inserted else {
                throw .invalidTensor(name: tensor.name, detail: "the name occurs more than once")
            }
            guard tensor.shape.allSatisfy({ $0 >= 0 }) else {
                throw .invalidTensor(name: tensor.name, detail: "shape \(tensor.shape) has a negative dimension")
            }
            let count = tensor.shape.reduce(1, *)
            guard count == tensor.values.count else {
                throw .invalidTensor(name: tensor.name, detail: "shape \(tensor.shape) holds \(count) values but \(tensor.values.count) were given")
            }
        }
    }

    /// `{"__metadata__":{…},"name":{"dtype":"F32","shape":[…],"data_offsets":[b,e]},…}`,
    /// in the field order and compact spelling of serde_json.
    private static func headerJSON(_ ordered: [Tensor], metadata: [String: String]) -> String {
        var entries: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
                .map { "\(JSONString.quoted($0.key)):\(JSONString.quoted($0.value))" }
            entries.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
        }
        var offset = 0
        for tensor in ordered {
            let end = offset + tensor.values.count * MemoryLayout<Float>.size
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append("\(JSONString.quoted(tensor.name)):{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        return "{\(entries.joined(separator: ","))}"
    }
}
