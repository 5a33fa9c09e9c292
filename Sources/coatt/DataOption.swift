import ArgumentParser
import Foundation

/// `--data-dir`: where the public benchmark data lives (never copied into the repository).
struct DataOption: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: ArgumentHelp(
        "The benchmark data folder. Default: $COATT_DATA, else ../shared/data.", valueName: "DIR"))
    var dataDirectory: String?

    var root: URL {
        let path = dataDirectory ?? ProcessInfo.processInfo.environment["COATT_DATA"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "../shared/data"
        return URL(fileURLWithPath: path).standardizedFileURL
    }

    /// A path under the data folder, with a message naming the folder when it is absent.
    func require(_ relative: String) throws -> URL {
        let url = root.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw CommandFailure("\(url.path) not found: point --data-dir or $COATT_DATA at the benchmark data folder")
        }
        return url
    }
}
