import ArgumentParser

/// `coatt`: turn social-media posts into linked, queryable knowledge.
@main
struct CoAtt: AsyncParsableCommand {  // async because `serve` is; the other commands stay synchronous
    static let configuration = CommandConfiguration(
        commandName: "coatt",
        abstract: "CoAttKG: load ontologies and knowledge graphs into a Redland store and query them with SPARQL.",
        subcommands: [LoadCommand.self, StoreCommand.self, QueryCommand.self, KGCommand.self, SPARQLTestsCommand.self,
                      KGECommand.self, EncodeCommand.self, BenchCommand.self, NERCommand.self, ExtractCommand.self, LinkCommand.self,
                      ServeCommand.self, ServeWorkerCommand.self])
}
