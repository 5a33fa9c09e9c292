import CRedland
import RDFModel

/// Conversions between librdf nodes (raptor terms) and `RDFTerm`. Nodes never leave this module
/// except through `SQLiteStorage`, which implements librdf's storage interface.
extension RDFTerm {
    /// Reads a librdf node (a `raptor_term`). Returns nil for a NULL node or invalid UTF-8.
    public init?(node: UnsafeMutablePointer<raptor_term>?) {
        guard let node else { return nil }
        switch node.pointee.type {
        case RAPTOR_TERM_TYPE_URI:
            var length = 0
            guard let bytes = raptor_uri_as_counted_string(node.pointee.value.uri, &length),
                  let iri = decodeUTF8(bytes, length) else { return nil }
            self = .iri(iri)
        case RAPTOR_TERM_TYPE_BLANK:
            let blank = node.pointee.value.blank
            guard let label = decodeUTF8(blank.string, Int(blank.string_len)) else { return nil }
            self = .blank(label)
        case RAPTOR_TERM_TYPE_LITERAL:
            let literal = node.pointee.value.literal
            guard let lexical = decodeUTF8(literal.string, Int(literal.string_len)) else { return nil }
            var language: String?
            if let lang = literal.language, literal.language_len > 0 {
                language = decodeUTF8(lang, Int(literal.language_len))
            }
            var datatype: String?
            if let dt = literal.datatype {
                var length = 0
                datatype = raptor_uri_as_counted_string(dt, &length).flatMap { decodeUTF8($0, length) }
            }
            self = .literal(lexical, language: language, datatype: datatype)
        default:
            return nil
        }
    }

    /// Makes a new librdf node owned by the caller.
    public func makeNode(in world: RedlandWorld) -> UnsafeMutablePointer<raptor_term>? {
        makeNode(world.pointer)
    }

    /// The same for a raw `librdf_world`, for code that implements librdf interfaces. A librdf
    /// node is a raptor term of the world's raptor world, so one builder serves both.
    public func makeNode(_ world: OpaquePointer) -> UnsafeMutablePointer<raptor_term>? {
        makeRaptorTerm(librdf_world_get_raptor(world))
    }

    /// Makes a new raptor term (owned by the caller) in `raptorWorld`.
    func makeRaptorTerm(_ raptorWorld: OpaquePointer?) -> UnsafeMutablePointer<raptor_term>? {
        switch self {
        case .iri(let iri):
            return iri.withCString { raptor_new_term_from_uri_string(raptorWorld, UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self)) }
        case .blank(let label):
            return label.withCString { raptor_new_term_from_blank(raptorWorld, UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self)) }
        case .literal(let lexical, let language, let datatype):
            var datatypeURI: OpaquePointer?
            if let datatype, language == nil {
                datatypeURI = datatype.withCString { raptor_new_uri(raptorWorld, UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self)) }
            }
            defer { if let datatypeURI { raptor_free_uri(datatypeURI) } }
            // A trailing NUL keeps baseAddress non-nil for the empty literal.
            let utf8 = Array(lexical.utf8) + [0]
            return utf8.withUnsafeBufferPointer { buffer in
                guard let language else {
                    return raptor_new_term_from_counted_literal(raptorWorld, buffer.baseAddress, utf8.count - 1, datatypeURI, nil, 0)
                }
                return language.withCString {
                    raptor_new_term_from_counted_literal(raptorWorld, buffer.baseAddress, utf8.count - 1, nil,
                                                         UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self),
                                                         UInt8(clamping: language.utf8.count))
                }
            }
        }
    }
}


/// Decodes bytes that must be UTF-8; nil when they are not (raptor lets invalid UTF-8 through).
func decodeUTF8(_ bytes: UnsafePointer<UInt8>?, _ length: Int) -> String? {
    guard let bytes else { return length == 0 ? "" : nil }
    return String(validating: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self)
}
