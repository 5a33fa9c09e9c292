import Foundation
import SafeTensors

/// Settings a command reads from a JSON config file (`--config`) whose keys are its long option names
/// (`{"batch-size": 16, "fusion": "concat"}`). Every key is optional: a key the file leaves out keeps
/// the value of `init()`. An unknown key is an error, since a typo must not silently train something
/// else. Options given on the command line override the file (each command applies them).
protocol JSONSettingsFile: Codable {
    /// The settings' keys, as spelled in the file: the long option names.
    associatedtype SettingKey: CodingKey & CaseIterable
    /// The command whose options the keys are, for messages ("coatt kge train").
    static var commandName: String { get }
    /// The defaults.
    init()
}

extension JSONSettingsFile {
    /// Reads a config file.
    init(file path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure("cannot read config file \(path)") }
        let parsed: Any
        do { parsed = try JSONSerialization.jsonObject(with: data) } catch { throw CommandFailure("\(path): not valid JSON") }
        guard let object = parsed as? [String: Any] else { throw CommandFailure("\(path): not a JSON object") }
        let known = Set(SettingKey.allCases.map(\.stringValue))
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw CommandFailure("\(path): unknown setting '\(unknown)' (settings are the long option names of \(Self.commandName))")
        }
        // The file's keys laid over the encoded defaults, then decoded as a whole: so a missing key (or
        // null) keeps its default without a hand-written decoder per settings type.
        do {
            let defaults = try JSONSerialization.jsonObject(with: JSONEncoder().encode(Self())) as? [String: Any] ?? [:]
            let given = object.filter { !($0.value is NSNull) }
            let merged = try JSONSerialization.data(withJSONObject: defaults.merging(given) { _, file in file })
            self = try JSONDecoder().decode(Self.self, from: merged)
        } catch let error as DecodingError {
            throw CommandFailure("\(path): setting \(error.summary)")
        } catch {
            throw CommandFailure("\(path): \(error)")
        }
    }

    /// The settings as one line of JSON (sorted keys), to keep with a trained model so its run can be
    /// repeated.
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }
}
