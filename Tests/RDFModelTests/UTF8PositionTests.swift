import Foundation
import RDFModel
import XCTest

final class UTF8PositionTests: XCTestCase {
    func testTheFirstBadByteIsFoundByLineAndColumn() {
        XCTAssertNil(UTF8Position.firstInvalid(in: Data("café\n😀\n".utf8)))
        // A Latin-1 "é" on line 3, after lines holding correctly encoded multi-byte characters.
        let latin1 = Data("é\n😀 x\nab".utf8) + Data([0xE9]) + Data("\n".utf8)
        XCTAssertEqual(UTF8Position.firstInvalid(in: latin1), UTF8Position(line: 3, column: 3, byte: 0xE9))
        // A character broken off: its lead byte is where the text stops being UTF-8.
        XCTAssertEqual(UTF8Position.firstInvalid(in: Data([0x61, 0xC3, 0x28])), UTF8Position(line: 1, column: 2, byte: 0xC3))
    }
}
