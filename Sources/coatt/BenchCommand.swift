import ArgumentParser
import Foundation
import Redland

/// `coatt bench query`: in-process query latencies, the figure the README compares with Oxigraph.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmarks of the hot paths.", subcommands: [Query.self, Encoder.self, Tagger.self])

    struct Query: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Median and p90 latency of SPARQL queries over a store, all results consumed, store opened once.")

        @OptionGroup var storeOption: StoreOption

        @OptionGroup var remoteAccess: RemoteAccessOptions

        @Argument(help: "Query files (.rq).")
        var files: [String]

        @Option(name: .customLong("repeat"), help: "Runs per query after one warm-up run.")
        var runs: Int = 10

        @Option(help: "Stop repeating a query once its runs have taken this many seconds.")
        var budget: Double = 30

        func run() throws {
            let store = try storeOption.openExisting()
            store.remotePolicy = remoteAccess.policy
            Terminal.write("query\trows\tmedian_ms\tp90_ms\truns\n")
            for file in files {
                let sparql = try TextFile.read(file, role: "query file")
                var rows = 0
                var times: [Double] = []
                var spent = 0.0
                for run in 0...max(1, runs) {
                    let started = DispatchTime.now().uptimeNanoseconds
                    do {
                        rows = try consume(try store.query(sparql))
                    } catch {
                        throw CommandFailure("\(file): \(error)")  // which of the files, and the table so far stands
                    }
                    let ms = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
                    if run > 0 { times.append(ms) }
                    spent += ms / 1000
                    if spent > budget && run > 0 { break }
                }
                times.sort()
                let median = times[times.count / 2], p90 = times[min(times.count - 1, times.count * 9 / 10)]
                Terminal.write("\((file as NSString).lastPathComponent)\t\(rows)\t\(String(format: "%.3f", median))\t\(String(format: "%.3f", p90))\t\(times.count)\n")
                Terminal.flush()
            }
        }

        private func consume(_ answer: QueryAnswer) throws -> Int {
            switch answer {
            case .solutions(let cursor):
                var count = 0
                while cursor.next() != nil { count += 1 }
                return count
            case .boolean: return 1
            case .graph(let quads): return quads.count
            }
        }
    }
}
