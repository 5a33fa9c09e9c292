import Foundation
import NER
import SharedTestPaths
import XCTest

final class MNERDatasetTests: XCTestCase {
    private func file(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mner-\(UUID().uuidString).txt")
        try Data(text.utf8).write(to: url)
        return url
    }

    func testReadsPostsAndSpellsMISCAsOTHER() throws {
        let posts = try MNERDataset.read(try file("IMGID:1\nRT\tO\nGeorge\tB-PER\nZimmerman\tI-PER\n\nIMGID:2\nWWDC\tB-MISC\n\n"))
        XCTAssertEqual(posts, [MNERPost(imageID: "1", words: ["RT", "George", "Zimmerman"], tags: ["O", "B-PER", "I-PER"]),
                               MNERPost(imageID: "2", words: ["WWDC"], tags: ["B-OTHER"])])
    }

    func testWindowsLineEndingsReadAsTheSamePosts() throws {
        let unix = "IMGID:1\nRT\tO\nGeorge\tB-PER\n\nIMGID:2\nWWDC\tB-MISC\n\n"
        let windows = unix.replacingOccurrences(of: "\n", with: "\r\n")
        XCTAssertEqual(try MNERDataset.read(try file(windows)), try MNERDataset.read(try file(unix)))
    }

    func testMalformedLinesNameFileAndLine() throws {
        for (text, line, reason) in [("IMGID:1\nword\n", 2, "found 1 field"), ("IMGID:1\nword\tB-XYZ\n", 2, "unknown tag"),
                                     ("word\tO\n", 1, "before any IMGID"), ("IMGID:1\n\nIMGID:2\na\tO\n", 2, "")] {
            let url = try file(text)
            XCTAssertThrowsError(try MNERDataset.read(url), text) { error in
                guard let error = error as? MNERFormatError else { return XCTFail("\(error)") }
                XCTAssertEqual(error.file, url.path)
                if !reason.isEmpty { XCTAssertEqual(error.line, line); XCTAssertTrue(error.reason.contains(reason), error.reason) }
            }
        }
    }

    func testTheRealSplitsHaveThePublishedCounts() throws {
        let train = try SharedTestPaths.data("twitter2015/train.txt")
        let data = SharedTestPaths.dataRoot
        let posts = try MNERDataset.read(train)
        XCTAssertEqual(posts.count, 4000)
        XCTAssertEqual(posts.flatMap(\.tags).filter { $0 == "B-PER" }.count, 2217)
        XCTAssertEqual(try MNERDataset.read(data.appendingPathComponent("twitter2017/train.txt")).count, 3373)
    }
}
