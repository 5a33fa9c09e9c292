import ArgumentParser
import Foundation

/// `coatt`: turn social-media posts into linked, queryable knowledge.
@main
struct CoAtt: AsyncParsableCommand {  // async because `serve` is; the other commands stay synchronous
    static let configuration = CommandConfiguration(
        commandName: "coatt",
        abstract: "CoAttKG: load ontologies and knowledge graphs into a Redland store and query them with SPARQL.",
        subcommands: [LoadCommand.self, StoreCommand.self, QueryCommand.self, UpdateCommand.self, KGCommand.self, SPARQLTestsCommand.self,
                      KGECommand.self, EncodeCommand.self, BenchCommand.self, NERCommand.self, ExtractCommand.self, LinkCommand.self,
                      ServeCommand.self, ServeWorkerCommand.self])

    /// Refuses arguments that are not UTF-8 before parsing: Swift would hand them to the commands
    /// with U+FFFD in place of the bad bytes, so a query or a post would silently mean something else.
    static func main() async {
        for index in 1..<Int(CommandLine.argc) {
            guard let argument = CommandLine.unsafeArgv[index], String(validatingCString: argument) == nil else { continue }
            FileHandle.standardError.write(Data("Error: argument \(index) is not valid UTF-8\n".utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        if let unknown = unknownHelpTopic(Array(CommandLine.arguments.dropFirst())) {
            FileHandle.standardError.write(Data("Error: no command '\(unknown)'; `coatt --help` lists them\n".utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        await main(nil)
    }

    /// The first word of `coatt help WORD…` that names no command: ArgumentParser would print the
    /// overview and succeed, so a mistyped `coatt help laod` looked like an answer.
    static func unknownHelpTopic(_ arguments: [String]) -> String? {
        guard arguments.first == "help" else { return nil }
        var commands: [any ParsableCommand.Type] = configuration.subcommands
        for word in arguments.dropFirst() where !word.hasPrefix("-") {
            guard let command = commands.first(where: { $0._commandName == word }) else { return word }
            commands = command.configuration.subcommands
        }
        return nil
    }
}
