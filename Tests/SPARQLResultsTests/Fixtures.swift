import RDFModel
import SPARQLResults

/// Small terms and tables shared by the results tests.
enum Fixture {
    static let xsd = "http://www.w3.org/2001/XMLSchema#"

    /// Every kind of term, including the characters that break naive writers.
    static let awkwardTable = SolutionTable(variables: ["s", "o"], rows: [
        [.iri("http://e/a?x=1&y=<2>"), .literal("emoji 😀 \"quoted\"\nline\ttab\r\\ and \u{1} control", language: "en-GB")],
        [.blank("b0"), .literal("42", datatype: xsd + "integer")],
        [nil, .literal("plain, with comma")],
        [.iri("http://e/ü"), nil],
    ])

    /// Collects everything a writer outputs.
    static func render(_ table: SolutionTable, as format: ResultsFormat) -> String {
        var text = ""
        var writer = format.makeWriter { text += $0 }
        writer.write(table)
        return text
    }
}
