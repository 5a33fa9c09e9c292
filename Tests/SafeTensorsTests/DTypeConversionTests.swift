import Foundation
import SafeTensors
import XCTest

/// F16 and BF16 widening and integer reading, checked against what torch reads from a file that
/// torch wrote (``pythonDTypesFile``).
final class DTypeConversionTests: XCTestCase {
    func testFloatConversionsMatchTorch() throws {
        let folder = try TemporaryFolder()
        let file = try SafeTensorsFile(path: folder.file("dtypes.safetensors", pythonDTypesFile))
        XCTAssertEqual(file.metadata, ["format": "pt"])
        XCTAssertEqual(try file.info("f16").dtype, .f16)
        XCTAssertEqual(try file.info("bf16").shape, [2, 6])
        for (name, expected) in pythonDTypesExpectedBits {
            let values = try file.floats(name)
            XCTAssertEqual(values.count, expected.count, name)
            for (value, bits) in zip(values, expected) {
                let reference = Float(bitPattern: bits)
                // torch canonicalises NaN to 0x7FFFFFFF; IEEE widening keeps the payload.
                if reference.isNaN {
                    XCTAssertTrue(value.isNaN, name)
                } else {
                    XCTAssertEqual(value.bitPattern, bits, "\(name): \(value) vs \(reference)")
                }
            }
        }
    }

    func testZeroCopyAndConvertingAccessAgree() throws {
        let folder = try TemporaryFolder()
        let file = try SafeTensorsFile(path: folder.file("dtypes.safetensors", pythonDTypesFile))
        for name in ["f32", "bf16"] {
            let copied = try file.floats(name)
            let viewed = try file.withUnsafeFloats(name) { Array($0) }
            XCTAssertEqual(copied.map(\.bitPattern), viewed.map(\.bitPattern), name)
        }
    }

    func testIntegerTensors() throws {
        let folder = try TemporaryFolder()
        let file = try SafeTensorsFile(path: folder.file("dtypes.safetensors", pythonDTypesFile))
        XCTAssertEqual(try file.int64s("i64"), [-(1 << 40), -1, 0, (1 << 40) + 7])
        XCTAssertEqual(try file.int64s("i32"), [Int64(Int32.min), Int64(Int32.max)])
        XCTAssertEqual(try file.int64s("u8"), [0, 255])
        XCTAssertEqual(try file.int64s("bool"), [1, 0, 1])
        assertThrows(try file.int64s("f32"), containing: ["tensor f32", "F32", "floats()"])
        assertThrows(try file.floats("f64"), containing: ["tensor f64", "F64"])
    }
}
