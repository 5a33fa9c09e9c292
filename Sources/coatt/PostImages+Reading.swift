import Encoders
import Foundation
import NER

extension PretrainedVisionEncoder {
    /// The images of `posts` from a folder of `<IMGID>.jpg`, preprocessed for this encoder, by
    /// IMGID; how many were found, missing or unreadable is printed on stderr (posts without a
    /// usable image run on the text path, never dropped).
    func postImages(in folder: String, for posts: [MNERPost]) -> (images: [(imageID: String, image: PostImage)], summary: PostImageSummary) {
        let source = PostImages(folder: URL(fileURLWithPath: folder), imageSize: preprocessor.imageSize)
        let found = source.images(for: posts)
        let summary = PostImageSummary(posts: posts, images: found, source: source)
        Terminal.error("\(summary); posts without an image run on the text path")
        return (zip(posts, found).map { ($0.imageID, $1) }, summary)
    }
}

extension TaggerFolder.Loaded {
    /// The image each post of an input file names (a JSON line's "image"), read as ``image(at:)``
    /// reads it, whether or not the tagger has an image path (a bad file is reported either way);
    /// nil for a post that names none.
    func images(of posts: ArraySlice<TagInput>) -> [PostImage?] {
        posts.map { $0.image.map(image(at:)) }
    }

    /// What the tagger takes of a batch's `images` (``images(of:)``): each post's image under its
    /// index in the batch, or nothing when the tagger reads text only or no post has an image.
    func taggerImages(_ images: [PostImage?]) -> [(imageID: String, image: PostImage)] {
        guard vision != nil, images.contains(where: { $0 != nil }) else { return [] }
        return images.enumerated().map { (String($0), $1 ?? .missing) }
    }
}

/// The images the posts of an input file name, counted batch by batch and reported in one line
/// on stderr at the end of the run: posts whose image is missing or unreadable run on the text
/// path, never dropped and never silently.
struct InputImageReport {
    private(set) var summary = PostImageSummary(problemLimit: 10)

    /// Counts the images of `posts` (``TaggerFolder/Loaded/images(of:)``), each named by its file and post.
    mutating func count(_ images: [PostImage?], of posts: ArraySlice<TagInput>) {
        for (post, image) in zip(posts, images) {
            if let image, let file = post.image { summary.count(image, file: "\(file) (\(post.name))") }
        }
    }

    /// The summary on stderr when any post named an image.
    func print(readsImages: Bool) {
        guard summary.total > 0 else { return }
        let without = summary.missing + summary.unreadable
        Terminal.error((without > 0 ? "warning: " : "") + "\(summary); "
                       + (readsImages ? "\(without) posts ran without their image (text path only)"
                                      : "this model reads text only: the images found are recorded, not used"))
    }
}
