import Foundation
import Images
import JPEG
import Tensors

/// The image of one post as the visual branch sees it. Posts are never dropped for their image:
/// a post with a missing or unreadable one runs on the text path only (MODEL.md §2).
public enum PostImage: Sendable, Equatable {
    /// The preprocessed image, `[3, imageSize, imageSize]`.
    case image(PixelValues)
    /// No `<IMGID>.jpg` in the image folder.
    case missing
    /// The file exists but cannot be used; `reason` is a sentence for the report.
    case unreadable(reason: String)

    /// Whether the visual branch runs for this post.
    public var hasImage: Bool {
        if case .image = self { return true }
        return false
    }
}

/// The image folder of a Twitter MNER dataset: each post's `IMGID` names `<folder>/<IMGID>.jpg`,
/// decoded and preprocessed as CLIP does (``CLIPPreprocessor``) at a configurable size.
public struct PostImages: Sendable {
    public let folder: URL
    public let preprocessor: CLIPPreprocessor

    /// - imageSize: the side of the square the vision encoder expects (224 for CLIP ViT-B).
    public init(folder: URL, imageSize: Int = 224) {
        self.folder = folder
        self.preprocessor = CLIPPreprocessor(imageSize: imageSize)
    }

    /// Where the image of `imageID` is looked for.
    public func file(for imageID: String) -> URL {
        folder.appendingPathComponent(imageID + ".jpg")
    }

    /// The image of one post; never throws, whatever is (or is not) on disk.
    public func image(for imageID: String) -> PostImage {
        // An id is a file name, never a path: "../x" must not read outside the folder.
        guard !imageID.isEmpty, !imageID.contains("/"), imageID != ".", imageID != ".." else {
            return .unreadable(reason: "IMGID '\(imageID)' is not a file name")
        }
        return PostImage.read(file(for: imageID), with: preprocessor)
    }

    /// The images of `posts`, one per post in order.
    public func images(for posts: [MNERPost]) -> [PostImage] {
        posts.map { image(for: $0.imageID) }
    }

    /// The images of a batch as the vision encoder's input `[B, 3, imageSize, imageSize]`, zeros in the
    /// rows of posts without an image, and which rows hold one (the fusion's `hasImage`).
    public func pixelBatch(_ images: [PostImage]) -> (pixels: Tensor, hasImage: [Bool]) {
        let side = preprocessor.imageSize, planeSize = 3 * side * side
        var values = [Float](repeating: 0, count: images.count * planeSize)
        for (row, image) in images.enumerated() {
            guard case .image(let pixels) = image else { continue }
            precondition(pixels.shape == [3, side, side], "PostImages: image \(pixels.shape), expected [3, \(side), \(side)]")
            values.replaceSubrange(row * planeSize ..< (row + 1) * planeSize, with: pixels.values)
        }
        return (Tensor(shape: [images.count, 3, side, side], values: values), images.map(\.hasImage))
    }
}

/// How many posts have a usable image, and which have none (missing or unreadable): a split's,
/// for the training report, or an input file's (`ner tag` and `extract --input`).
public struct PostImageSummary: Sendable, Equatable, CustomStringConvertible {
    /// An unreadable image file and why.
    public struct Problem: Sendable, Equatable {
        public let file: String
        public let reason: String
    }

    public private(set) var loaded = 0, missing = 0, unreadable = 0
    /// The first few missing files, in post order.
    public private(set) var firstMissing: [String] = []
    /// The first few unreadable files, in post order.
    public private(set) var firstProblems: [Problem] = []
    /// How many problems are listed at most.
    public let problemLimit: Int

    public init(problemLimit: Int = 5) {
        self.problemLimit = problemLimit
    }

    /// The summary of `images`, the images of `posts` (same order) read from `source`.
    public init(posts: [MNERPost], images: [PostImage], source: PostImages, problemLimit: Int = 5) {
        precondition(posts.count == images.count, "PostImageSummary: \(posts.count) posts, \(images.count) images")
        self.init(problemLimit: problemLimit)
        for (post, image) in zip(posts, images) { count(image, file: source.file(for: post.imageID).lastPathComponent) }
    }

    /// Counts one post's image; `file` names it in the problem list.
    public mutating func count(_ image: PostImage, file: String) {
        switch image {
        case .image: loaded += 1
        case .missing:
            missing += 1
            if firstMissing.count < problemLimit { firstMissing.append(file) }
        case .unreadable(let reason):
            unreadable += 1
            if firstProblems.count < problemLimit { firstProblems.append(Problem(file: file, reason: reason)) }
        }
    }

    public var total: Int { loaded + missing + unreadable }

    /// E.g. "images: 197 of 200 posts (2 missing: 3.jpg, 9.jpg; 1 unreadable: 7.jpg: not a JPEG file: …)";
    /// the posts without an image run on text only.
    public var description: String {
        var text = "images: \(loaded) of \(total) posts (\(missing) missing"
        text += firstMissing.isEmpty ? ", " : ": " + firstMissing.joined(separator: ", ") + (missing > firstMissing.count ? ", …" : "") + "; "
        text += "\(unreadable) unreadable"
        if !firstProblems.isEmpty {
            text += ": " + firstProblems.map { "\($0.file): \($0.reason)" }.joined(separator: "; ")
            if unreadable > firstProblems.count { text += "; …" }
        }
        return text + ")"
    }
}

extension PostImage {
    /// The JPEG file at `url`, preprocessed: `.missing` when nothing is there, `.unreadable` with
    /// the reason for a folder, a file that cannot be read or bytes that are no usable JPEG.
    /// Never throws.
    public static func read(_ url: URL, with preprocessor: CLIPPreprocessor) -> PostImage {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { return .missing }
        guard !isFolder.boolValue else { return .unreadable(reason: "a folder, not a file") }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return .unreadable(reason: "cannot be read (permissions?)")
        }
        do { return .image(try preprocessor(jpeg: [UInt8](data))) } catch { return .unreadable(reason: error.description) }
    }
}
