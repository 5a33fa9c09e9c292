import Foundation

/// The knowledge-graph extracts CoAttKG can import, and how each names its things.
///
/// - `dbpedia50`, `db100k`: DBpedia resource names (Wikipedia titles) and DBpedia-ontology
///   relation and class names; see ``DBpediaNames``.
/// - `codexS`, `codexM`: Wikidata ids (`Q…` items, `P…` properties), with shared metadata in a
///   `codex-meta` folder (relation and type labels, entity types).
public enum KGExtractKind: String, CaseIterable, Sendable {
    case dbpedia50
    case db100k
    case codexS = "codex-s"
    case codexM = "codex-m"

    /// Recognises an extract from a folder name, ignoring case and punctuation:
    /// `dbpedia50`, `DBpedia50`, `DB50K` → `.dbpedia50`; `DB100K` → `.db100k`;
    /// `codex-s`, `CoDEx_S`, `codexs` → `.codexS`; likewise `.codexM`. Returns `nil` otherwise.
    public init?(folderName: String) {
        let key = String(folderName.lowercased().unicodeScalars.filter {
            ("a"..."z").contains($0) || ("0"..."9").contains($0)
        })
        switch key {
        case "dbpedia50", "db50k", "db50", "dbpedia50k": self = .dbpedia50
        case "db100k", "dbpedia100k": self = .db100k
        case "codexs": self = .codexS
        case "codexm": self = .codexM
        default: return nil
        }
    }

    /// Recognises an extract from the last path component of its folder.
    public init?(directory: URL) {
        self.init(folderName: directory.standardizedFileURL.lastPathComponent)
    }

    /// Whether the extract names things by Wikidata ids (CoDEx) rather than DBpedia names.
    public var usesWikidataIds: Bool { self == .codexS || self == .codexM }

    /// The split files the extract must have; the others of train/valid/test are optional.
    /// (DB100K's train split is not distributed with our data; it is imported when present.)
    var requiredSplits: [KGGraph] {
        self == .db100k ? [.valid, .test] : [.train, .valid, .test]
    }
}
