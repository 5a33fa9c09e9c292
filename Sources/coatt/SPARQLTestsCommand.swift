import ArgumentParser
import Foundation
import SPARQLConformance

/// `coatt sparql-tests [--engine coatt|roqet]`
struct SPARQLTestsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sparql-tests",
        abstract: "Run the W3C SPARQL 1.0/1.1 query- and update-evaluation tests against coatt or roqet.",
        discussion: "Prints pass/fail per test and per folder. Each test runs in its own process with a time limit.")

    @OptionGroup var data: DataOption

    @Option(help: "The engine: coatt (this program) or roqet (rasqal's own command line).")
    var engine = "coatt"

    @Option(help: "Seconds allowed per test.")
    var timeout: Double = 20

    @Flag(help: "List every test, not only the failures.")
    var verbose = false

    func validate() throws {
        guard ["coatt", "roqet"].contains(engine) else { throw ValidationError("unknown engine '\(engine)': use coatt or roqet") }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
    }

    func run() throws {
        let own = CommandLine.arguments[0].hasPrefix("/")
            ? CommandLine.arguments[0] : FileManager.default.currentDirectoryPath + "/" + CommandLine.arguments[0]
        let chosen: Engine = engine == "roqet" ? .roqet(path: "roqet") : .coatt(path: own)
        let runner = ConformanceRunner(suiteRoot: try data.require("sparql-tests"), engine: chosen, timeout: timeout)
        let report = try runner.run()
        for outcome in report.outcomes where verbose || outcome.isFailure { Terminal.write(outcome.line + "\n") }
        Terminal.write(report.summary())
        Terminal.flush()
    }
}
