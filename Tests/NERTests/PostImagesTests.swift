import Foundation
import NER
import SharedTestPaths
import XCTest

/// The image folder of a dataset: every post gets a status, bad files a reason, and none is dropped.
/// The good JPEG is the CC BY 2.0 fixture photo, read in place; the bad files are made from it.
final class PostImagesTests: XCTestCase {
    /// A 1×1 RGB PNG, the smallest real one.
    private static let png = Data(base64Encoded:
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")!

    private var folder: URL!

    override func setUpWithError() throws {
        let photo = try Data(contentsOf: try SharedTestPaths.shared("fixtures/clip-vit-tiny/preprocess/photo.jpg"))
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("post-images-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try photo.write(to: folder.appendingPathComponent("good.jpg"))
        try Self.png.write(to: folder.appendingPathComponent("png.jpg"))
        try photo.prefix(photo.count / 2).write(to: folder.appendingPathComponent("truncated.jpg"))
        // The SOI marker, then bytes that are no JPEG segment.
        try Data([0xFF, 0xD8] + (0..<600).map { UInt8(truncatingIfNeeded: $0 &* 37) })
            .write(to: folder.appendingPathComponent("garbage.jpg"))
        try Data().write(to: folder.appendingPathComponent("empty.jpg"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("folder.jpg"), withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    private func post(_ imageID: String) -> MNERPost {
        MNERPost(imageID: imageID, words: ["x"], tags: ["O"])
    }

    func testAGoodJPEGIsPreprocessedAtTheConfiguredSize() throws {
        let images = PostImages(folder: folder, imageSize: 32)
        XCTAssertEqual(images.file(for: "good").path, folder.appendingPathComponent("good.jpg").path)
        guard case .image(let pixels) = images.image(for: "good") else { return XCTFail("the photo did not load") }
        XCTAssertEqual(pixels.shape, [3, 32, 32])
        // Exactly the CLIP preprocessing of the same file (whose numbers ImagesTests checks against transformers).
        XCTAssertEqual(pixels, try images.preprocessor(contentsOf: folder.appendingPathComponent("good.jpg")))
    }

    func testEveryBadFileIsUnreadableWithAReason() {
        let images = PostImages(folder: folder, imageSize: 32)
        for (id, expected) in [("png", "(PNG?)"), ("truncated", "truncated"), ("garbage", "JPEG"), ("empty", "empty"),
                               ("folder", "folder"), ("../good", "not a file name"), ("", "not a file name")] {
            guard case .unreadable(let reason) = images.image(for: id) else {
                XCTFail("\(id).jpg: \(images.image(for: id)) is not unreadable")
                continue
            }
            XCTAssertTrue(reason.contains(expected), "\(id).jpg: '\(reason)' does not say '\(expected)'")
        }
        XCTAssertEqual(images.image(for: "absent"), .missing)
    }

    func testNoPostIsDroppedAndTheSummaryCountsEachStatus() {
        let images = PostImages(folder: folder, imageSize: 16)
        let posts = ["good", "absent", "png", "good", "truncated", "garbage", "empty", "also-absent"].map(post)
        let loaded = images.images(for: posts)
        XCTAssertEqual(loaded.count, posts.count)
        XCTAssertEqual(loaded.map(\.hasImage), [true, false, false, true, false, false, false, false])
        let summary = PostImageSummary(posts: posts, images: loaded, source: images, problemLimit: 3)
        XCTAssertEqual([summary.loaded, summary.missing, summary.unreadable, summary.total], [2, 2, 4, 8])
        XCTAssertEqual(summary.firstProblems.map(\.file), ["png.jpg", "truncated.jpg", "garbage.jpg"])
        XCTAssertEqual(summary.firstMissing, ["absent.jpg", "also-absent.jpg"])
        XCTAssertTrue(summary.description.hasPrefix("images: 2 of 8 posts (2 missing: absent.jpg, also-absent.jpg; 4 unreadable: png.jpg: not a JPEG"),
                      summary.description)
        var complete = PostImageSummary()
        complete.count(.missing, file: "a.jpg")
        complete.count(.unreadable(reason: "empty file"), file: "b.jpg")
        XCTAssertEqual(complete.description, "images: 0 of 2 posts (1 missing: a.jpg; 1 unreadable: b.jpg: empty file)")
        XCTAssertEqual(PostImageSummary().description, "images: 0 of 0 posts (0 missing, 0 unreadable)")
        XCTAssertTrue(summary.description.hasSuffix("; …)"), summary.description)
    }

    func testAPixelBatchHasZeroRowsForPostsWithoutAnImage() throws {
        let images = PostImages(folder: folder, imageSize: 8)
        guard case .image(let pixels) = images.image(for: "good") else { return XCTFail("the photo did not load") }
        let (batch, hasImage) = images.pixelBatch([.missing, .image(pixels), .unreadable(reason: "r")])
        XCTAssertEqual(batch.shape, [3, 3, 8, 8])
        XCTAssertEqual(hasImage, [false, true, false])
        let rows = batch.values.chunked(192)
        XCTAssertEqual(rows[1], pixels.values)
        XCTAssertTrue(rows[0].allSatisfy { $0 == 0 } && rows[2].allSatisfy { $0 == 0 })
        XCTAssertFalse(rows[1].allSatisfy { $0 == 0 })
    }
}

private extension Array {
    func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
