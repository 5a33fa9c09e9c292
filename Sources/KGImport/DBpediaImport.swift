import Foundation
import RDFModel

/// The DBpedia50 / DB100K importer (see ``KGImporter`` for the mapping).
struct DBpediaImport {
    let kind: KGExtractKind
    let directory: URL
    let includeInferred: Bool
    var sink: QuadSink

    /// Resource names (each mapped once) and their terms; names giving the same IRI
    /// (`It%27s`, `It's`) share an id.
    private var entities = TermTable()
    /// Entity IRI → id: the distinct entities, each labelled once.
    private var entityIds: [String: Int32] = [:]
    private var relations = TermTable()
    private var classTerms: [String: RDFTerm] = [:]

    init(kind: KGExtractKind, directory: URL, includeInferred: Bool, sink: QuadSink) {
        self.kind = kind
        self.directory = directory
        self.includeInferred = includeInferred
        self.sink = sink
    }

    private func path(_ file: String) -> String { directory.appendingPathComponent(file).path }

    mutating func run() throws -> KGImportSummary {
        let classes = path("entity-classes.csv")
        let mapping = path("wikidata-to-dbpedia.csv")
        var required = kind.requiredSplits.map { path($0.rawValue + ".txt") } + [classes]
        if kind == .db100k { required.append(mapping) }
        try KGFiles.requireAll(required)
        // Size the tables from the inputs (about one new name per 40 bytes at most).
        let estimate = (required + [path("train.txt")]).map(KGFiles.size).reduce(0, +) / 40
        entities.reserve(estimate)
        entityIds.reserveCapacity(estimate)

        for split in KGGraph.splits {
            let file = path(split.rawValue + ".txt")
            if !kind.requiredSplits.contains(split), !KGFiles.exists(file) {
                sink.summary.absentOptionalFiles.append(file)
                continue
            }
            try importFacts(file, into: split)
        }
        sink.summary.relations = relations.count
        try importClasses(classes, into: .entities)
        if kind == .dbpedia50 {
            let inferred = path("entity-classes-inferred.csv")
            if includeInferred {
                if KGFiles.exists(inferred) { try importClasses(inferred, into: .entitiesInferred) }
                else { sink.summary.absentOptionalFiles.append(inferred) }
            }
            let domains = path("relation-domains-ranges.csv")
            if KGFiles.exists(domains) { try importDomainsRanges(domains) }
            else { sink.summary.absentOptionalFiles.append(domains) }
        }
        if kind == .db100k { try importSameAs(mapping) }

        sink.summary.entities = entityIds.count
        return sink.finished()
    }

    // MARK: - Files

    private mutating func importFacts(_ file: String, into split: KGGraph) throws {
        var seen = Set<FactKey>(minimumCapacity: KGFiles.size(file) / 24)
        var duplicates = 0
        let lines = try KGFiles.forEachTriple(file) { h, r, t, _ in
            let key = FactKey(head: try entityId(h), relation: relationId(r), tail: try entityId(t))
            guard seen.insert(key).inserted else { duplicates += 1; return }
            let (s, p, o) = (entities[key.head], relations[key.relation], entities[key.tail])
            try sink.add(s, p, o, split)
        }
        sink.summary.factLines[split] = lines
        sink.summary.duplicateFacts += duplicates
    }

    /// `entity,classes` rows → `rdf:type` per class (bare names are DBpedia-ontology classes).
    private mutating func importClasses(_ file: String, into graph: KGGraph) throws {
        try KGFiles.forEachCSVRow(file, header: ["entity", "classes"]) { fields, line in
            let names = try Self.setLiteral(fields[1], file, line)
            guard !fields[0].isEmpty else {
                throw KGImportError.malformedLine(file: file, line: line, reason: "empty entity name")
            }
            let subject = try entity(fields[0])
            for name in names { try sink.type(subject, classTerm(name), graph) }
        }
    }

    /// `relation,domains,ranges` rows → `schema:domainIncludes` / `schema:rangeIncludes`.
    private mutating func importDomainsRanges(_ file: String) throws {
        try KGFiles.forEachCSVRow(file, header: ["relation", "domains", "ranges"]) { fields, line in
            let p = relations.id(fields[0]).map { relations[$0] } ?? .iri(DBpediaNames.ontologyIRI(fields[0]))
            for c in try Self.setLiteral(fields[1], file, line) {
                try sink.add(p, KGTerms.schemaDomainIncludes, classTerm(c), .relations)
            }
            for c in try Self.setLiteral(fields[2], file, line) {
                try sink.add(p, KGTerms.schemaRangeIncludes, classTerm(c), .relations)
            }
        }
    }

    /// `entity,dbpedia` rows (QID, resource name) → `owl:sameAs wd:QID`.
    private mutating func importSameAs(_ file: String) throws {
        try KGFiles.forEachCSVRow(file, header: ["entity", "dbpedia"]) { fields, line in
            guard KGFiles.isWikidataId(fields[0], prefix: UInt8(ascii: "Q")) else {
                throw KGImportError.malformedLine(file: file, line: line,
                                                  reason: "\"\(fields[0])\" is not a Wikidata item id (Q…)")
            }
            guard !fields[1].isEmpty else {
                throw KGImportError.malformedLine(file: file, line: line, reason: "empty DBpedia name")
            }
            try sink.add(try entity(fields[1]), KGTerms.owlSameAs,
                         .iri(Vocabulary.wikidataEntity + fields[0]), .entities)
            sink.summary.sameAsLinks += 1
        }
    }

    // MARK: - Terms

    /// The id of a resource name; the first time an IRI is met, its label is emitted.
    private mutating func entityId(_ name: String) throws -> Int32 {
        if let n = entities.id(name) { return n }
        let iri = DBpediaNames.resourceIRI(name)
        if let n = entityIds[iri] { return entities.add(name, .iri(iri), existing: n) }
        let n = entities.add(name, .iri(iri))
        entityIds[iri] = n
        try sink.label(entities[n], DBpediaNames.label(name))
        return n
    }

    private mutating func entity(_ name: String) throws -> RDFTerm {
        let n = try entityId(name)  // separately: `entities[try entityId(…)]` would read the table first
        return entities[n]
    }

    private mutating func relationId(_ name: String) -> Int32 {
        if let n = relations.id(name) { return n }
        return relations.add(name, .iri(DBpediaNames.ontologyIRI(name)))
    }

    private mutating func classTerm(_ name: String) -> RDFTerm {
        if let t = classTerms[name] { return t }
        let t = RDFTerm.iri(DBpediaNames.ontologyIRI(name))
        classTerms[name] = t
        return t
    }

    private static func setLiteral(_ text: String, _ file: String, _ line: Int) throws -> [String] {
        do throws(FieldError) { return try PythonSetLiteral.parse(text) } catch {
            throw KGImportError.malformedLine(file: file, line: line, reason: error.reason)
        }
    }
}
