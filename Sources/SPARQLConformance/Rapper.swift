import Foundation
import RDFModel

/// Parses RDF files by running Raptor's `rapper` (Debian package raptor2-utils), which turns
/// Turtle or RDF/XML into N-Triples that `NTriplesReader` can read.
struct Rapper: Sendable {
    /// The absolute path of the `rapper` executable.
    var executable: String

    /// Finds `rapper` on PATH.
    init() throws {
        guard let path = Subprocess.locate("rapper") else {
            throw ConformanceError("rapper not found on PATH (install the Debian package raptor2-utils)")
        }
        executable = path
    }

    /// The triples of `file`, with relative IRIs resolved against the file's own URL.
    func quads(of file: URL) throws -> [Quad] {
        let syntax = ["ttl": "turtle", "nt": "ntriples", "rdf": "rdfxml"][file.pathExtension.lowercased()] ?? "guess"
        let result = try Subprocess.run(executable, ["-q", "-i", syntax, "-o", "ntriples", file.path],
                                        in: file.deletingLastPathComponent(), timeout: 60)
        guard result.termination == .exited(0) else {
            throw ConformanceError("rapper could not parse \(file.path): \(result.stderr.firstLine)")
        }
        do {
            return try NTriplesReader.quads(from: String(decoding: result.stdout, as: UTF8.self))
        } catch {
            throw ConformanceError("rapper output for \(file.path): \(error)")
        }
    }
}

/// A problem with the test suite or its tools, as opposed to a test failing.
public struct ConformanceError: Error, CustomStringConvertible {
    /// What went wrong, for people.
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}

extension String {
    /// The first non-empty line, trimmed: enough of an error message for a one-line reason.
    var firstLine: String {
        split(whereSeparator: \.isNewline).lazy.map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty } ?? ""
    }
}
