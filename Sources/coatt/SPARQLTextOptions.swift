import ArgumentParser
import Foundation
import Redland
import SPARQLProtocol

/// A SPARQL text given as an argument or with `--file`, and `--base`: `coatt query`'s and
/// `coatt update`'s.
struct SPARQLTextOptions: ParsableArguments {
    @Argument(help: "The SPARQL text (or use --file).")
    var text: String?

    @Option(name: .shortAndLong, help: "Read the SPARQL text from a file (- for standard input).")
    var file: String?

    @Option(help: "Base IRI for relative IRIs in the text (default: the file's, with --file).")
    var base: String?

    func validate() throws {
        if (text == nil) == (file == nil) { throw ValidationError("give the SPARQL text either as an argument or with --file") }
    }

    /// The text, which must hold more than white space and comments; `noun` ("query") names it in errors.
    func read(as noun: String) throws -> String {
        let sparql = try text ?? TextFile.read(file!, role: "\(noun) file")
        guard !SPARQLText.isEmpty(sparql) else { throw CommandFailure("empty \(noun) (nothing but white space and comments)") }
        return sparql
    }

    /// `body`'s result; a syntax error in a text read from a file names the file, as `coatt load`
    /// names the file of an error.
    func namingTheFile<Result>(_ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let error as SPARQLSyntaxError {
            guard let file, file != "-" else { throw error }
            throw CommandFailure("\(file): \(error)")
        }
    }

    /// `--base`, else the file's IRI (standard input has none).
    var baseIRI: String? {
        base ?? file.flatMap { $0 == "-" ? nil : URL(fileURLWithPath: $0).standardizedFileURL.absoluteString }
    }
}

/// `--data` and `--named`: files for a temporary in-memory store (`TemporaryDataset`).
struct DatasetFilesOptions: ParsableArguments {
    @Option(help: "Load this file into the default graph of a temporary in-memory store (repeatable).")
    var data: [String] = []

    @Option(help: "Load this file into a named graph of a temporary in-memory store: FILE (named by its file:// IRI) or IRI=FILE (repeatable).")
    var named: [String] = []

    var dataset: TemporaryDataset { TemporaryDataset(data: data, named: named) }
}
