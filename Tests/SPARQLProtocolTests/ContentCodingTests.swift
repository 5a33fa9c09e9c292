import SPARQLProtocol
import XCTest

/// `Accept-Encoding` as clients send it: curl, browsers, Python's requests, and the refusals.
final class ContentCodingTests: XCTestCase {
    func testGzipIsAcceptedByNameOrWildcardWithAPositiveWeight() {
        for header in ["gzip", "gzip, deflate, br, zstd", "deflate, GZIP;Q=0.5", "x-gzip", "br;q=1.0, *;q=0.1", " gzip ; q=1 "] {
            XCTAssertTrue(ContentCoding.acceptsGzip(header), header)
        }
    }

    func testGzipIsRefusedWhenAbsentOrWeightedZero() {
        for header in [nil, "", "identity", "deflate, br", "gzip;q=0", "gzip;q=0, *", "*, gzip;q=0", "*;q=0", "gzip;q=zero"] {
            XCTAssertFalse(ContentCoding.acceptsGzip(header), header ?? "no header")
        }
    }
}
