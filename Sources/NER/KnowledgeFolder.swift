import Foundation

/// The knowledge part of a tagger folder: `knowledge.json` (which vectors, checked by SHA-256) and
/// `gazetteer.tsv` (label TAB entity IRI, one line per label and entity). The vectors themselves
/// stay in the store's vector file; the tagger is only valid with the exact file it was trained on.
public enum KnowledgeFolder {
    public static let manifestName = "knowledge.json"
    public static let gazetteerName = "gazetteer.tsv"

    /// The contents of `knowledge.json`.
    public struct Manifest: Codable, Equatable, Sendable {
        /// The IRI of the registered TransE model.
        public var model: String
        /// The path of the model's vector file.
        public var vectorFile: String
        /// The lower-case hex SHA-256 of the vector file when the folder was written.
        public var vectorFileSHA256: String
        public var dimension: Int
        /// The number of lines of `gazetteer.tsv`.
        public var labelCount: Int

        public init(model: String, vectorFile: String, vectorFileSHA256: String, dimension: Int, labelCount: Int) {
            (self.model, self.vectorFile, self.vectorFileSHA256) = (model, vectorFile, vectorFileSHA256)
            (self.dimension, self.labelCount) = (dimension, labelCount)
        }
    }

    /// Writes `knowledge.json` and `gazetteer.tsv` into `folder` (created if needed). Tabs and line
    /// breaks inside a label become spaces (labels are matched as whitespace-separated words anyway).
    public static func write(_ manifest: Manifest, labels: [(label: String, entityIRI: String)], to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(manifest).write(to: folder.appendingPathComponent(manifestName))
        var tsv = ""
        for (label, iri) in labels {
            let flat = String(label.map { $0 == "\t" || $0.isNewline ? " " : $0 })
            tsv += flat + "\t" + iri + "\n"
        }
        try Data(tsv.utf8).write(to: folder.appendingPathComponent(gazetteerName))
    }

    /// Reads a folder written by ``write(_:labels:to:)`` and checks that the vector file it names
    /// still exists with the same SHA-256.
    public static func read(_ folder: URL) throws(KnowledgeFolderError) -> (manifest: Manifest, labels: [(label: String, entityIRI: String)]) {
        let manifestURL = folder.appendingPathComponent(manifestName), gazetteerURL = folder.appendingPathComponent(gazetteerName)
        let manifest: Manifest
        do {
            manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: manifestURL))
        } catch {
            throw KnowledgeFolderError("\(manifestURL.path): cannot be read as a knowledge manifest: \(error)")
        }
        guard FileManager.default.fileExists(atPath: manifest.vectorFile) else {
            throw KnowledgeFolderError("the KG vector file \(manifest.vectorFile) named by \(manifestURL.path) is missing")
        }
        let digest: String
        do { digest = try SHA256.hexDigest(ofFile: URL(fileURLWithPath: manifest.vectorFile)) } catch {
            throw KnowledgeFolderError("the KG vector file \(manifest.vectorFile) cannot be read: \(error)")
        }
        guard digest == manifest.vectorFileSHA256 else {
            throw KnowledgeFolderError("the KG vector file \(manifest.vectorFile) has changed since \(manifestURL.path) was written (SHA-256 \(digest), expected \(manifest.vectorFileSHA256)); retrain the tagger with the current vectors")
        }
        guard let text = try? String(contentsOf: gazetteerURL, encoding: .utf8) else {
            throw KnowledgeFolderError("\(gazetteerURL.path): cannot be read as UTF-8 text")
        }
        var labels: [(label: String, entityIRI: String)] = []
        for (index, line) in text.split(separator: "\n").enumerated() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 2 else {
                throw KnowledgeFolderError("\(gazetteerURL.path):\(index + 1): expected 'label TAB entity IRI'")
            }
            labels.append((String(fields[0]), String(fields[1])))
        }
        return (manifest, labels)
    }
}

/// A knowledge folder that cannot be used, with the file at fault.
public struct KnowledgeFolderError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
