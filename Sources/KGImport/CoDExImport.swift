import Foundation
import RDFModel

/// The CoDEx-S / CoDEx-M importer (see ``KGImporter`` for the mapping).
struct CoDExImport {
    let directory: URL
    let metaDirectory: URL?
    let classMap: [String: [String]]
    var sink: QuadSink

    /// Entities (`Q…`) and relations (`P…`) by id, in order of first appearance.
    private var entities = TermTable()
    private var relations = TermTable()

    init(directory: URL, metaDirectory: URL?, classMap: [String: [String]], sink: QuadSink) {
        self.directory = directory
        self.metaDirectory = metaDirectory
        self.classMap = classMap
        self.sink = sink
    }

    static let metaFiles = ["relations-en.json", "entity2types.json", "types-en.json"]

    mutating func run() throws -> KGImportSummary {
        let splits = KGGraph.splits.map { directory.appendingPathComponent($0.rawValue + ".txt").path }
        let meta = metaDirectory.map { m in Self.metaFiles.map { m.appendingPathComponent($0).path } }
        try KGFiles.requireAll(splits + (meta ?? []))
        entities.reserve(splits.map(KGFiles.size).reduce(0, +) / 100)

        for (split, file) in zip(KGGraph.splits, splits) { try importFacts(file, into: split) }
        sink.summary.entities = entities.count
        sink.summary.relations = relations.count

        if let meta {
            try importRelationLabels(meta[0])
            let types = try importEntityTypes(meta[1])
            // Entities of the facts that are also type items (occupations, genres…) get their
            // labels too: types-en.json is the only English label source CoDEx ships.
            let typesSet = Set(types)
            try importTypeLabels(meta[2], for: types + entities.keys.filter { !typesSet.contains($0) })
        } else {
            let base = directory.deletingLastPathComponent().appendingPathComponent("codex-meta")
            sink.summary.absentOptionalFiles += Self.metaFiles.map { base.appendingPathComponent($0).path }
        }
        return sink.finished()
    }

    // MARK: - Facts

    private mutating func importFacts(_ file: String, into split: KGGraph) throws {
        var seen = Set<FactKey>(minimumCapacity: KGFiles.size(file) / 16)
        var duplicates = 0
        let lines = try KGFiles.forEachTriple(file) { h, r, t, line in
            let key = FactKey(head: try entity(h, file, line), relation: try relation(r, file, line),
                              tail: try entity(t, file, line))
            guard seen.insert(key).inserted else { duplicates += 1; return }
            try sink.add(entities[key.head], relations[key.relation], entities[key.tail], split)
        }
        sink.summary.factLines[split] = lines
        sink.summary.duplicateFacts += duplicates
    }

    private mutating func entity(_ id: String, _ file: String, _ line: Int) throws -> Int32 {
        if let n = entities.id(id) { return n }
        guard KGFiles.isWikidataId(id, prefix: UInt8(ascii: "Q")) else {
            throw KGImportError.malformedLine(file: file, line: line, reason: "\"\(id)\" is not a Wikidata item id (Q…)")
        }
        return entities.add(id, .iri(Vocabulary.wikidataEntity + id))
    }

    private mutating func relation(_ id: String, _ file: String, _ line: Int) throws -> Int32 {
        if let n = relations.id(id) { return n }
        guard KGFiles.isWikidataId(id, prefix: UInt8(ascii: "P")) else {
            throw KGImportError.malformedLine(file: file, line: line, reason: "\"\(id)\" is not a Wikidata property id (P…)")
        }
        return relations.add(id, .iri(Vocabulary.wikidataDirect + id))
    }

    // MARK: - Metadata

    /// `wdt:P… rdfs:label/rdfs:comment` and `wd:P… wikibase:directClaim wdt:P…` for the
    /// relations the facts use.
    private mutating func importRelationLabels(_ file: String) throws {
        let described = try Self.descriptions(file, wanted: Set(relations.keys))
        for (n, id) in relations.keys.enumerated() {
            let direct = relations[Int32(n)]
            try sink.add(.iri(Vocabulary.wikidataEntity + id), KGTerms.wikibaseDirectClaim, direct, .relations)
            guard let d = described[id] else { continue }
            if let l = d["label"], !l.isEmpty { try sink.label(direct, l, .relations) }
            if let c = d["description"], !c.isEmpty { try sink.comment(direct, c, .relations) }
        }
    }

    /// `rdf:type wd:Q…` per CoDEx type of each entity, plus the mapped DBpedia classes.
    /// Returns the types used, in order of first use.
    private mutating func importEntityTypes(_ file: String) throws -> [String] {
        var typesOf: [String: [String]] = [:]
        var scanner = try JSONScanner(path: file)
        try scanner.forEachMember { id, value in
            if entities.id(id) != nil { typesOf[id] = try value.readStringArray() } else { try value.skipValue() }
        }
        var used: [String] = []
        var usedSet = Set<String>()
        for (n, id) in entities.keys.enumerated() {
            guard let types = typesOf[id], !types.isEmpty else { continue }
            let subject = entities[Int32(n)]
            var mapped = Set<String>()
            for type in types {
                guard KGFiles.isWikidataId(type, prefix: UInt8(ascii: "Q")) else {
                    throw KGImportError.malformedJSON(file: file, reason: "type \"\(type)\" of \(id) is not a Wikidata item id")
                }
                let iri = Vocabulary.wikidataEntity + type
                try sink.type(subject, .iri(iri))
                if usedSet.insert(type).inserted { used.append(type) }
                for dbo in classMap[iri] ?? [] where mapped.insert(dbo).inserted {
                    try sink.type(subject, .iri(dbo))
                    sink.summary.mappedTypeAssertions += 1
                }
            }
        }
        return used
    }

    /// Labels and descriptions of the given ids that `types-en.json` describes.
    private mutating func importTypeLabels(_ file: String, for types: [String]) throws {
        let described = try Self.descriptions(file, wanted: Set(types))
        for type in types {
            guard let d = described[type] else { continue }
            let subject = RDFTerm.iri(Vocabulary.wikidataEntity + type)
            if let l = d["label"], !l.isEmpty { try sink.label(subject, l) }
            if let c = d["description"], !c.isEmpty { try sink.comment(subject, c, .entities) }
        }
    }

    /// The string members (`label`, `description`, …) of the wanted ids in a file shaped
    /// `{"P31": {"label": "…", "description": "…"}, …}`.
    private static func descriptions(_ file: String, wanted: Set<String>) throws -> [String: [String: String]] {
        var out: [String: [String: String]] = [:]
        var scanner = try JSONScanner(path: file)
        try scanner.forEachMember { id, value in
            if wanted.contains(id) { out[id] = try value.readStringMembers() } else { try value.skipValue() }
        }
        return out
    }
}
