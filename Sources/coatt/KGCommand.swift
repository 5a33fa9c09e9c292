import ArgumentParser

/// `coatt kg import …` (filled in when the importer lands).
struct KGCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kg", abstract: "Knowledge-graph extracts.")
}
