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

    /// The same for a raw `librdf_world`, for code that implements librdf interfaces.
    public func makeNode(_ world: OpaquePointer) -> UnsafeMutablePointer<raptor_term>? {
        switch self {
        case .iri(let iri):
            return iri.withCString { librdf_new_node_from_uri_string(world, UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self)) }
        case .blank(let label):
            return label.withCString { librdf_new_node_from_blank_identifier(world, UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self)) }
        case .literal(let lexical, let language, let datatype):
            var datatypeURI: OpaquePointer?
            if let datatype, language == nil {
                datatypeURI = datatype.withCString { librdf_new_uri(world, UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self)) }
            }
            defer { if let datatypeURI { librdf_free_uri(datatypeURI) } }
            // A trailing NUL keeps baseAddress non-nil for the empty literal.
            let utf8 = Array(lexical.utf8) + [0]
            return utf8.withUnsafeBufferPointer { buffer in
                let bytes = UnsafeBufferPointer(rebasing: buffer.dropLast())
                if let language {
                    return language.withCString {
                        librdf_new_node_from_typed_counted_literal(world, buffer.baseAddress!, bytes.count,
                                                                   $0, language.utf8.count, nil)
                    }
                }
                return librdf_new_node_from_typed_counted_literal(world, buffer.baseAddress!, bytes.count,
                                                                  nil, 0, datatypeURI)
            }
        }
    }
}


/// Decodes bytes that must be UTF-8; nil when they are not (raptor lets invalid UTF-8 through).
func decodeUTF8(_ bytes: UnsafePointer<UInt8>?, _ length: Int) -> String? {
    guard let bytes else { return length == 0 ? "" : nil }
    return String(validating: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self)
}
