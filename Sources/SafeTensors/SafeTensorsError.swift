/// Why a safetensors file could not be read or written. `description` names the file and,
/// where there is one, the tensor, so a log line alone says what to fix.
public enum SafeTensorsError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file could not be opened, sized or mapped (missing, unreadable, a directory…).
    case cannotOpen(path: String, reason: String)
    /// The file ends before the bytes its own header promises.
    case truncated(path: String, detail: String)
    /// The header is not valid JSON, or its entries are inconsistent (bad offsets, sizes, keys).
    case invalidHeader(path: String, detail: String)
    /// A dtype this reader does not know, or one the requested accessor cannot convert.
    case unsupportedDType(path: String, tensor: String, dtype: String, detail: String)
    /// No tensor of that name; `available` lists the names the file does have.
    case noTensor(name: String, path: String, available: [String])
    /// Tensors handed to the writer are inconsistent (shape vs. value count, duplicate names…).
    case invalidTensor(name: String, detail: String)
    /// The output file could not be written.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            return "cannot open safetensors file \(path): \(reason)"
        case let .truncated(path, detail):
            return "truncated safetensors file \(path): \(detail)"
        case let .invalidHeader(path, detail):
            return "invalid safetensors header in \(path): \(detail)"
        case let .unsupportedDType(path, tensor, dtype, detail):
            return "tensor \(tensor) in \(path) has dtype \(dtype): \(detail)"
        case let .noTensor(name, path, available):
            return "no tensor named \(name) in \(path) (it has: \(Self.abbreviated(available)))"
        case let .invalidTensor(name, detail):
            return "cannot write tensor \(name): \(detail)"
        case let .cannotWrite(path, reason):
            return "cannot write safetensors file \(path): \(reason)"
        }
    }

    /// Real checkpoints hold hundreds of names; the first few are enough to spot a prefix
    /// mismatch such as `vision_model.` or `bert.`.
    private static func abbreviated(_ names: [String], limit: Int = 20) -> String {
        guard !names.isEmpty else { return "no tensors" }
        let shown = names.prefix(limit).joined(separator: ", ")
        return names.count > limit ? "\(shown), … and \(names.count - limit) more" : shown
    }
}
