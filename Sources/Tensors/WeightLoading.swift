/// Named tensors as a checkpoint file holds them: name → (shape, row-major float32 values).
/// Independent of any file format, so any reader can feed ``ParameterGroup/load(_:prefix:ignoring:)``.
public typealias NamedTensors = [String: (shape: [Int], values: [Float])]

/// How a checkpoint's tensors match a ``ParameterGroup``'s parameters.
public struct WeightLoadReport: Sendable, Equatable, CustomStringConvertible {
    /// A tensor present under the expected name but with another shape.
    public struct Mismatch: Sendable, Equatable {
        public let name: String, expected: [Int], found: [Int]

        public init(name: String, expected: [Int], found: [Int]) {
            (self.name, self.expected, self.found) = (name, expected, found)
        }
    }

    /// Parameters the checkpoint lacks (full checkpoint names).
    public var missing: [String] = []
    /// Checkpoint tensors no parameter takes, other than ignored ones.
    public var unexpected: [String] = []
    public var mismatched: [Mismatch] = []
    /// Checkpoint tensors left out on purpose (the `ignoring` predicate).
    public var ignored: [String] = []

    /// True when every parameter was found with its shape and nothing else was left over.
    public var isComplete: Bool { missing.isEmpty && unexpected.isEmpty && mismatched.isEmpty }

    public var description: String {
        var lines: [String] = []
        if !missing.isEmpty { lines.append("missing: " + missing.joined(separator: ", ")) }
        if !unexpected.isEmpty { lines.append("unexpected: " + unexpected.joined(separator: ", ")) }
        for m in mismatched { lines.append("\(m.name): expected shape \(m.expected), found \(m.found)") }
        if !ignored.isEmpty { lines.append("ignored: " + ignored.joined(separator: ", ")) }
        return lines.isEmpty ? "all tensors matched" : lines.joined(separator: "\n")
    }
}

/// A checkpoint that does not fit: the report names every problem at once.
public struct WeightLoadError: Error, CustomStringConvertible {
    public let report: WeightLoadReport
    public var description: String { "checkpoint does not match the model:\n\(report)" }
}

extension ParameterGroup {
    /// Compares a checkpoint with this group's parameters without changing anything.
    /// - Parameters:
    ///   - prefix: prepended to every parameter name (e.g. `"albert."` for hub ALBERT checkpoints).
    ///   - ignoring: checkpoint names to leave out, e.g. heads or `embeddings.position_ids`.
    public func loadReport(for tensors: NamedTensors, prefix: String = "",
                           ignoring: (String) -> Bool = { _ in false }) -> WeightLoadReport {
        var report = WeightLoadReport()
        var expected = Set<String>()
        for parameter in parameters {
            let name = prefix + parameter.name
            expected.insert(name)
            let shape = self[keyPath: parameter.path].shape
            if let found = tensors[name] {
                if found.shape != shape { report.mismatched.append(.init(name: name, expected: shape, found: found.shape)) }
            } else {
                report.missing.append(name)
            }
        }
        for name in tensors.keys.sorted() where !expected.contains(name) {
            if ignoring(name) { report.ignored.append(name) } else { report.unexpected.append(name) }
        }
        return report
    }

    /// Sets every parameter from the checkpoint tensor of the same name, all or nothing: throws
    /// a ``WeightLoadError`` naming every missing, unexpected or mis-shaped tensor and changes
    /// nothing unless the report is complete. Returns the report (with the ignored names).
    @discardableResult
    public mutating func load(_ tensors: NamedTensors, prefix: String = "",
                              ignoring: (String) -> Bool = { _ in false }) throws -> WeightLoadReport {
        let report = loadReport(for: tensors, prefix: prefix, ignoring: ignoring)
        guard report.isComplete else { throw WeightLoadError(report: report) }
        for parameter in parameters {
            let tensor = tensors[prefix + parameter.name]!
            self[keyPath: parameter.path] = Tensor(shape: tensor.shape, values: tensor.values)
        }
        return report
    }
}
