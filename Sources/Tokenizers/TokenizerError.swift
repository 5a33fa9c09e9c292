/// Why a tokenizer could not be built. `description` names the file or token at fault.
public enum TokenizerError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A vocabulary or configuration file could not be read.
    case cannotRead(path: String, reason: String)
    /// A configuration file is not the JSON expected.
    case invalidConfiguration(path: String, reason: String)
    /// A special token the encoder needs is not in the vocabulary.
    case missingSpecialToken(String)

    public var description: String {
        switch self {
        case let .cannotRead(path, reason):
            return "cannot read \(path): \(reason)"
        case let .invalidConfiguration(path, reason):
            return "invalid tokenizer configuration \(path): \(reason)"
        case let .missingSpecialToken(token):
            return "the vocabulary has no \(token) token"
        }
    }
}
