import Foundation

/// Work started on a thread of its own, whose result is collected later: start-up steps that
/// share nothing run on both cores.
final class SideThread<Value>: @unchecked Sendable {  // `result` is written before `done` is signalled, read after
    private var result: Result<Value, Error>?
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () throws -> Value) {
        Thread.detachNewThread { [self] in
            result = Result(catching: work)
            done.signal()
        }
    }

    /// Waits for the work to end and gives its value or throws its error. Call it once.
    func join() throws -> Value {
        done.wait()
        return try result!.get()
    }
}
