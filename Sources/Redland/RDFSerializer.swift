import CRedland
import RDFModel

/// Writes triples in an RDF syntax through raptor's serializers (used for Turtle and RDF/XML;
/// N-Triples and N-Quads are written directly by `RDFModel`).
public enum RDFSerializer {
    /// Serialises `quads` (their graphs ignored unless the format carries graphs).
    /// - Parameter prefixes: prefix → namespace IRI, declared in Turtle and RDF/XML output.
    public static func serialize(_ quads: [Quad], format: RDFFormat, prefixes: [String: String] = [:],
                                 baseIRI: String? = nil) throws -> String {
        let world = raptor_new_world_internal(UInt32(RAPTOR_VERSION))
        defer { raptor_free_world(world) }
        raptor_world_open(world)
        guard let serializer = raptor_new_serializer(world, format.raptorName) else {
            throw RedlandError("raptor has no \(format.rawValue) serializer")
        }
        defer { raptor_free_serializer(serializer) }
        for (prefix, namespace) in prefixes.sorted(by: { $0.key < $1.key }) {
            let uri = uri(world, namespace)
            defer { raptor_free_uri(uri) }
            _ = prefix.withCString { raptor_serializer_set_namespace(serializer, uri, UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self)) }
        }
        let base = baseIRI.map { uri(world, $0) }
        defer { if let base { raptor_free_uri(base) } }
        var output: UnsafeMutableRawPointer?
        var length = 0
        raptor_serializer_start_to_string(serializer, base ?? nil, &output, &length)
        for quad in quads {
            var statement = raptor_statement()
            raptor_statement_init(&statement, world)
            statement.subject = term(world, quad.subject)
            statement.predicate = term(world, quad.predicate)
            statement.object = term(world, quad.object)
            if format.carriesGraphs, let graph = quad.graph { statement.graph = term(world, graph) }
            raptor_serializer_serialize_statement(serializer, &statement)
            raptor_statement_clear(&statement)
        }
        raptor_serializer_serialize_end(serializer)
        guard let output else { return "" }
        defer { raptor_free_memory(output) }
        return String(decoding: UnsafeRawBufferPointer(start: output, count: length), as: UTF8.self)
    }

    private static func uri(_ world: OpaquePointer?, _ string: String) -> OpaquePointer? {
        string.withCString { raptor_new_uri(world, UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self)) }
    }

    private static func term(_ world: OpaquePointer?, _ term: RDFTerm) -> UnsafeMutablePointer<raptor_term>? {
        switch term {
        case .iri(let iri):
            return iri.withCString { raptor_new_term_from_uri_string(world, UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self)) }
        case .blank(let label):
            return label.withCString { raptor_new_term_from_blank(world, UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self)) }
        case .literal(let lexical, let language, let datatype):
            let datatypeURI = language == nil ? datatype.map { uri(world, $0) } ?? nil : nil
            defer { if let datatypeURI { raptor_free_uri(datatypeURI) } }
            let bytes = Array(lexical.utf8) + [0]
            return bytes.withUnsafeBufferPointer { buffer in
                if let language {
                    return language.withCString {
                        raptor_new_term_from_counted_literal(world, buffer.baseAddress, bytes.count - 1, nil,
                                                             UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self),
                                                             UInt8(language.utf8.count))
                    }
                }
                return raptor_new_term_from_counted_literal(world, buffer.baseAddress, bytes.count - 1, datatypeURI, nil, 0)
            }
        }
    }
}
