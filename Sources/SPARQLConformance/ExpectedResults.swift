import Foundation
import RDFModel
import SPARQLResults

/// Reads a test's expected results, choosing the reader by file extension.
enum ExpectedResults {
    /// The expected outcome and how faithfully its format records terms.
    static func load(_ file: URL, rapper: Rapper) throws -> (outcome: QueryOutcome, fidelity: ResultsFidelity) {
        switch file.pathExtension.lowercased() {
        case "srx", "xml":
            return (try XMLResultsReader.read(Data(contentsOf: file)), .exact)
        case "srj", "json":
            return (try JSONResultsReader.read(Data(contentsOf: file)), .exact)
        case "tsv":
            return (.solutions(try TSVResultsReader.read(String(contentsOf: file, encoding: .utf8))), .tsv)
        case "csv":
            return (.solutions(try CSVResultsReader.read(String(contentsOf: file, encoding: .utf8))), .csv)
        default:
            // Turtle or RDF/XML: either a result set in the DAWG vocabulary or a CONSTRUCT graph.
            let quads = try rapper.quads(of: file)
            return (try RDFResultSetReader.read(quads) ?? .graph(quads), .exact)
        }
    }
}
