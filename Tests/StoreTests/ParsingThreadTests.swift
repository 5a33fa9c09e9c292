import RDFModel
@testable import Store
import XCTest

/// The thread a load parses on (`ParsingThread`): every quad arrives, in order; a parse error or
/// an error of the caller ends both sides, and the thread has ended when `forEach` returns.
final class ParsingThreadTests: XCTestCase {
    private static func quad(_ index: Int) -> Quad {
        Quad(.iri("http://ex/s\(index)"), .iri("http://ex/p"), .literal(String(index)))
    }

    func testEveryQuadArrivesInOrderAcrossBatches() throws {
        let parsing = ParsingThread(batchSize: 7, capacity: 2) { emit in
            for index in 0..<1000 { try emit(Self.quad(index)) }
        }
        var received: [Quad] = []
        try parsing.forEach { received.append($0) }
        XCTAssertEqual(received, (0..<1000).map(Self.quad))
    }

    func testAParseErrorIsThrownToTheCaller() {
        struct Malformed: Error {}
        let parsing = ParsingThread(batchSize: 4, capacity: 2) { emit in
            for index in 0..<10 { try emit(Self.quad(index)) }
            throw Malformed()
        }
        XCTAssertThrowsError(try parsing.forEach { _ in }) { XCTAssertTrue($0 is Malformed) }
    }

    /// A parse that would never end stops once the caller fails, and its thread ends.
    func testTheCallersErrorStopsTheParse() {
        struct Full: Error {}
        final class Ended: @unchecked Sendable { var value = false }
        let ended = Ended()
        let parsing = ParsingThread(batchSize: 4, capacity: 2) { emit in
            defer { ended.value = true }
            var index = 0
            while true {
                try emit(Self.quad(index))
                index += 1
            }
        }
        var taken = 0
        XCTAssertThrowsError(try parsing.forEach { _ in
            taken += 1
            if taken == 50 { throw Full() }
        }) { XCTAssertTrue($0 is Full) }
        XCTAssertTrue(ended.value)
    }
}
