import RDFModel
import Redland
import SPARQLResults

/// An output format of `coatt query`: a results format for SELECT/ASK or an RDF syntax for graphs.
enum OutputFormat {
    case results(ResultsFormat)
    case graph(RDFFormat)

    init?(_ name: String) {
        if let results = ResultsFormat(rawValue: name) {
            self = .results(results)
        } else if let rdf = RDFFormat(rawValue: name), !rdf.carriesGraphs {
            self = .graph(rdf)
        } else {
            return nil
        }
    }
}

/// Writes a query answer to standard output, streaming solutions as rasqal produces them.
struct ResultPrinter {
    let format: OutputFormat?

    func print(_ answer: QueryAnswer) throws {
        switch answer {
        case .solutions(let cursor):
            var writer = try resultsFormat().makeWriter(output: Terminal.write)
            writer.begin(variables: cursor.variables)
            while let row = cursor.next() { writer.write(row: row) }
            writer.end()
        case .boolean(let value):
            try resultsFormat().writeBoolean(value, output: Terminal.write)
        case .graph(let quads):
            let syntax = try graphFormat()
            if syntax == .ntriples {
                for quad in quads { Terminal.write(quad.nquads + "\n") }
            } else {
                Terminal.write(try RDFSerializer.serialize(quads, format: syntax, prefixes: RDFSerializer.commonPrefixes))
            }
        }
        Terminal.flush()
    }

    private func resultsFormat() throws -> ResultsFormat {
        switch format {
        case nil: return .table
        case .results(let f): return f
        case .graph(let f): throw CommandFailure("\(f.rawValue) is a graph format; this query returns solutions (use table, json, xml, csv or tsv)")
        }
    }

    private func graphFormat() throws -> RDFFormat {
        switch format {
        case nil: return .turtle
        case .graph(let f): return f
        case .results(let f): throw CommandFailure("\(f.rawValue) is a results format; this query returns a graph (use turtle, ntriples or rdfxml)")
        }
    }
}
