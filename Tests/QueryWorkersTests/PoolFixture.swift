import Foundation
import QueryWorkers
import RDFModel
import SharedTestPaths
import SPARQLProtocol
import Store
import XCTest

/// A store on disk in a temporary folder and pools of real `coatt serve-worker` processes over it.
///
/// The store holds 2,000 triples: for i in 0..<1000, `ex:s{i} ex:value i` and
/// `ex:s{i} ex:label "name i"@en`, subjects 0–499 in graph ex:g1, 500–999 in ex:g2.
final class PoolFixture {
    static let ex = "http://example.org/"
    let directory: URL
    let binary: URL

    init() throws {
        binary = try SharedTestPaths.coattBinary()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("coatt-workers-\(UUID().uuidString)")
        let store = try Store(.directory(directory.path))
        try store.write { add in
            for i in 0..<1000 {
                let subject = RDFTerm.iri(Self.ex + "s\(i)"), graph = RDFTerm.iri(Self.ex + (i < 500 ? "g1" : "g2"))
                try add(Quad(subject, .iri(Self.ex + "value"), .literal("\(i)", datatype: "http://www.w3.org/2001/XMLSchema#integer"), graph: graph))
                try add(Quad(subject, .iri(Self.ex + "label"), .literal("name \(i)", language: "en"), graph: graph))
            }
        }
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func configuration(readers: Int = 2, timeout: Duration = .seconds(10), maxRows: Int = 10_000,
                       store: String? = nil) -> WorkerPoolConfiguration {
        WorkerPoolConfiguration(executable: binary.path,
                                workerArguments: ["serve-worker", "--store", store ?? directory.path, "--max-rows", "\(maxRows)"],
                                readers: readers, timeout: timeout)
    }

    func pool(readers: Int = 2, timeout: Duration = .seconds(10), maxRows: Int = 10_000,
              events: @escaping @Sendable (WorkerEvent) -> Void = { _ in }) async throws -> WorkerPool {
        try await WorkerPool(configuration(readers: readers, timeout: timeout, maxRows: maxRows), events: events)
    }

    /// The worker processes this test process started and has not yet collected (zombies too).
    static func workerChildren() -> [(pid: Int32, state: String)] {
        let me = getpid()
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> (Int32, String)? in
            guard let pid = Int32(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return nil }
            // After "pid (comm) ": state, then the parent's pid.
            let fields = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
            guard fields.count > 1, Int32(fields[1]) == me else { return nil }
            let command = (try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8)) ?? ""
            guard command.contains("serve-worker") || fields[0] == "Z" else { return nil }
            return (pid, String(fields[0]))
        }
    }

    /// `measure()` once it gives `expected`, or after `limit`: on an overloaded machine a worker
    /// just spawned to replace one can take a moment to be seen as one under /proc (posix_spawn
    /// returns once the child's exec has swapped in its new memory, and its cmdline stays empty
    /// until exec has also laid out the arguments).
    /// (It waits with `usleep`: `Task.sleep` would make Dispatch open a timer descriptor for good,
    /// which the descriptor counts of the tests would take for a leak.)
    static func settled(at expected: Int, within limit: Duration = .seconds(5), _ measure: () -> Int) -> Int {
        let deadline = ContinuousClock.now + limit
        var value = measure()
        while value != expected && ContinuousClock.now < deadline {
            usleep(50_000)
            value = measure()
        }
        return value
    }

    /// How many descriptors this process has open.
    static func openDescriptors() -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).count
    }
}

/// Requests and reply checks used across the tests.
extension EndpointRequest {
    static func query(_ sparql: String, accept: [String] = []) -> EndpointRequest {
        EndpointRequest(operation: .query(sparql), acceptable: accept)
    }
}

extension EndpointReply {
    var text: String { String(decoding: body, as: UTF8.self) }
}
