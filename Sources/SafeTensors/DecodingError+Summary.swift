import Foundation

extension DecodingError {
    /// A one-line reason naming where in the JSON the problem is (Foundation's own description is
    /// a multi-line dump of its context).
    public var summary: String {
        func location(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
                .joined(separator: ".")
        }
        switch self {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return "not valid JSON (\(context.debugDescription))"
        case .dataCorrupted(let context):
            return "\(location(context)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\(location(context)) lacks \"\(key.stringValue)\""
        case .typeMismatch(let type, let context):
            return "\(location(context)) is not of type \(type)"
        case .valueNotFound(let type, let context):
            return "\(location(context)) is null, expected \(type)"
        @unknown default:
            return "\(self)"
        }
    }
}
