import ArgumentParser

/// `coatt sparql-tests` (filled in when the runner lands).
struct SPARQLTestsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sparql-tests", abstract: "Run the W3C SPARQL test suites.")
}
