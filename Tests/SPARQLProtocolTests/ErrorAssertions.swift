import SPARQLProtocol
import XCTest

/// Asserts that `body` throws a `ProtocolError` with `status` (and a message containing `fragment`).
func assertRefused<T>(_ status: Int, _ fragment: String = "", file: StaticString = #filePath, line: UInt = #line,
                      _ body: () throws(ProtocolError) -> T) {
    do {
        let value = try body()
        XCTFail("expected \(status), got \(value)", file: file, line: line)
    } catch {
        XCTAssertEqual(error.status, status, error.message, file: file, line: line)
        if !fragment.isEmpty {
            XCTAssertTrue(error.message.contains(fragment), "'\(error.message)' lacks '\(fragment)'", file: file, line: line)
        }
    }
}
