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
