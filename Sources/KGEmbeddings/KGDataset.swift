import Foundation
import RDFModel

/// Why a KG folder could not be loaded; each case names the file (and line) to fix.
public enum KGDatasetError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A file is missing or unreadable.
    case cannotRead(path: String, reason: String)
    /// A line does not have exactly three tab-separated columns.
    case badColumnCount(path: String, line: Int, columns: Int)
    /// A line is not UTF-8.
    case notUTF8(path: String, line: Int)
    /// (Policy `.error` only) a valid/test line uses an entity or relation absent from train.
    case unseenInTraining(path: String, line: Int, name: String)

    public var description: String {
        switch self {
        case let .cannotRead(path, reason):
            return "cannot read \(path): \(reason)"
        case let .badColumnCount(path, line, columns):
            return "\(path):\(line): expected 3 tab-separated columns (head, relation, tail), found \(columns)"
        case let .notUTF8(path, line):
            return "\(path):\(line): not UTF-8"
        case let .unseenInTraining(path, line, name):
            return "\(path):\(line): '\(name)' never occurs in train.txt"
        }
    }
}

/// What to do with a valid/test triple whose entity or relation never occurs in training.
public enum UnseenPolicy: Sendable {
    /// Drop the triple and count it (``KGDataset/droppedValid``, ``KGDataset/droppedTest``),
    /// as PyKEEN and LibKGE do: such an entity has no trained embedding, so it cannot be ranked.
    case drop
    /// Throw ``KGDatasetError/unseenInTraining(path:line:name:)`` naming the first such line.
    case error
}

/// A KG split loaded from a folder holding `train.txt`, `valid.txt` and `test.txt`
/// (one `head TAB relation TAB tail` per line; blank lines are skipped).
///
/// Entity and relation ids are interned in first-seen order over train.txt. Because valid/test
/// triples with names unseen in training are dropped (or rejected, see ``UnseenPolicy``), every id
/// has a trained embedding and the candidate set of ranking is exactly the training entities.
public struct KGDataset: Sendable {
    /// Entity names (IRIs or ids such as `Q42`), indexed by entity id.
    public var entities: [String]
    /// Relation names, indexed by relation id.
    public var relations: [String]
    /// Training triples, in file order.
    public var train: [Triple]
    /// Validation triples, in file order (unseen ones removed).
    public var valid: [Triple]
    /// Test triples, in file order (unseen ones removed).
    public var test: [Triple]
    /// Validation triples dropped because of an entity/relation unseen in training.
    public var droppedValid: Int
    /// Test triples dropped because of an entity/relation unseen in training.
    public var droppedTest: Int

    /// Loads `folder/train.txt`, `valid.txt` and `test.txt`.
    public init(folder: String, unseen: UnseenPolicy = .drop) throws(KGDatasetError) {
        let base = URL(fileURLWithPath: folder)
        func split(_ name: String) throws(KGDatasetError) -> NamedTriples {
            let path = base.appendingPathComponent(name).path
            return NamedTriples(source: path, rows: try Self.rows(path))
        }
        try self.init(train: try split("train.txt"), valid: try split("valid.txt"), test: try split("test.txt"), unseen: unseen)
    }

    /// Interns named splits (e.g. read from graphs of the store): ids in first-seen order over train.
    public init(train: NamedTriples, valid: NamedTriples, test: NamedTriples, unseen: UnseenPolicy = .drop) throws(KGDatasetError) {
        var entityIds: [String: Int32] = [:]
        var relationIds: [String: Int32] = [:]
        var entities: [String] = []
        var relations: [String] = []
        func intern(_ name: Substring, _ ids: inout [String: Int32], _ names: inout [String]) -> Int32 {
            let key = String(name)
            if let id = ids[key] { return id }
            let id = Int32(names.count)
            ids[key] = id
            names.append(key)
            return id
        }
        let trainTriples = train.rows.map { _, h, r, t in
            Triple(intern(h, &entityIds, &entities), intern(r, &relationIds, &relations), intern(t, &entityIds, &entities))
        }

        func heldOut(_ split: NamedTriples) throws(KGDatasetError) -> ([Triple], Int) {
            var kept: [Triple] = []
            var dropped = 0
            for (line, h, r, t) in split.rows {
                guard let hi = entityIds[String(h)], let ri = relationIds[String(r)], let ti = entityIds[String(t)] else {
                    if unseen == .error {
                        let missing = entityIds[String(h)] == nil ? h : relationIds[String(r)] == nil ? r : t
                        throw .unseenInTraining(path: split.source, line: line, name: String(missing))
                    }
                    dropped += 1
                    continue
                }
                kept.append(Triple(hi, ri, ti))
            }
            return (kept, dropped)
        }
        let (valid, droppedValid) = try heldOut(valid)
        let (test, droppedTest) = try heldOut(test)
        self.entities = entities
        self.relations = relations
        self.train = trainTriples
        self.valid = valid
        self.test = test
        self.droppedValid = droppedValid
        self.droppedTest = droppedTest
    }

    /// The filter for filtered ranking: train ∪ valid ∪ test.
    public var knownTriples: KnownTriples { KnownTriples(train, valid, test) }

    /// Parses a triple file into (1-based line number, head, relation, tail).
    static func rows(_ path: String) throws(KGDatasetError) -> [NamedTriples.Row] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .cannotRead(path: path, reason: error.localizedDescription)
        }
        if let bad = UTF8Position.firstInvalid(in: data) { throw .notUTF8(path: path, line: bad.line) }
        let text = String(decoding: data, as: UTF8.self)
        var rows: [NamedTriples.Row] = []
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.isEmpty { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count == 3 else {
                throw .badColumnCount(path: path, line: lineNumber, columns: columns.count)
            }
            rows.append((lineNumber, columns[0], columns[1], columns[2]))
        }
        return rows
    }
}

/// One split as names: where it came from (a file or a graph IRI, for messages) and its rows.
public struct NamedTriples: Sendable {
    /// (1-based line or position, head, relation, tail).
    public typealias Row = (line: Int, head: Substring, relation: Substring, tail: Substring)
    /// A path or graph IRI naming the split in errors.
    public var source: String
    /// The triples.
    public var rows: [Row]

    public init(source: String, rows: [Row]) {
        self.source = source
        self.rows = rows
    }

    /// Triples given as full names (e.g. IRIs); `line` counts from 1.
    public init(source: String, triples: [(String, String, String)]) {
        self.init(source: source, rows: triples.enumerated().map { ($0.offset + 1, Substring($0.element.0), Substring($0.element.1), Substring($0.element.2)) })
    }
}
