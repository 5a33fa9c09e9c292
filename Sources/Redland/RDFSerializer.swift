import CRedland
import RDFModel

/// Writes triples in an RDF syntax through raptor's serializers (used for Turtle and RDF/XML;
/// N-Triples and N-Quads are written directly by `RDFModel`).
public enum RDFSerializer {
    /// The prefixes CoAttKG declares in Turtle and RDF/XML it writes (command line and endpoint):
    /// the RDF vocabularies and the DBpedia and Wikidata namespaces its data lives in.
    public static let commonPrefixes = [
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "owl": "http://www.w3.org/2002/07/owl#", "xsd": "http://www.w3.org/2001/XMLSchema#",
        "dbo": "http://dbpedia.org/ontology/", "dbr": "http://dbpedia.org/resource/",
        "wd": "http://www.wikidata.org/entity/", "wdt": "http://www.wikidata.org/prop/direct/",
    ]

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
            statement.subject = quad.subject.makeRaptorTerm(world)
            statement.predicate = quad.predicate.makeRaptorTerm(world)
            statement.object = quad.object.makeRaptorTerm(world)
            if format.carriesGraphs, let graph = quad.graph { statement.graph = graph.makeRaptorTerm(world) }
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
}
