import Tensors

/// Which posts of a batch have an image, and the copies between the whole batch and the
/// sub-batch of those posts: the fusion layers run on that sub-batch only, so a post without an
/// image keeps its text rows exactly and sends no gradient into its (placeholder) image.
struct ImagePresence: Sendable {
    /// The batch rows of the posts with an image, in order.
    let posts: [Int]
    let batchSize: Int

    init(_ hasImage: [Bool]) {
        posts = hasImage.indices.filter { hasImage[$0] }
        batchSize = hasImage.count
    }

    /// The presence of a fusion layer's inputs, after checking that they fit together and the layer:
    /// text `[B, L, hiddenSize]`, textMask `[B·L]`, image `[B, M, imageSize]`, hasImage `[B]`.
    init(text: Tensor, textMask: [Int], image: Tensor, hasImage: [Bool], hiddenSize: Int, imageSize: Int, layer: String) {
        precondition(text.rank == 3 && text.shape[2] == hiddenSize, "\(layer): text \(text.shape) is not [B, L, \(hiddenSize)]")
        let batch = text.shape[0]
        precondition(textMask.count == batch * text.shape[1], "\(layer): \(textMask.count) mask entries for text \(text.shape)")
        precondition(image.rank == 3 && image.shape[0] == batch && image.shape[1] > 0 && image.shape[2] == imageSize,
                     "\(layer): image \(image.shape) is not [\(batch), M, \(imageSize)]")
        precondition(hasImage.count == batch, "\(layer): \(hasImage.count) image flags for \(batch) posts")
        self.init(hasImage)
    }

    var isEmpty: Bool { posts.isEmpty }
    /// Every post has an image: the sub-batch is the batch, no copies needed.
    var isComplete: Bool { posts.count == batchSize }

    /// The rows `posts` of `x` `[B, …]` as `[posts.count, …]`.
    func gather(_ x: Tensor) -> Tensor {
        precondition(x.rank > 0 && x.shape[0] == batchSize, "ImagePresence.gather: \(x.shape) is not a batch of \(batchSize)")
        if isComplete { return x }
        let width = x.count / batchSize
        var part = Tensor(zeros: [posts.count] + x.shape.dropFirst())
        x.withUnsafeBufferPointer { source in
            part.withUnsafeMutableBufferPointer { target in
                for (slot, post) in posts.enumerated() {
                    copy(source, from: post * width, to: target, at: slot * width, count: width)
                }
            }
        }
        return part
    }

    /// The entries of a flat per-position list (`[B·L]`, e.g. a text mask) for the rows `posts`.
    func gather(_ values: [Int]) -> [Int] {
        precondition(values.count % max(1, batchSize) == 0, "ImagePresence.gather: \(values.count) values for \(batchSize) posts")
        if isComplete { return values }
        let width = values.count / max(1, batchSize)
        return posts.flatMap { values[($0 * width)..<(($0 + 1) * width)] }
    }

    /// Writes the rows of `part` `[posts.count, …]` over the rows `posts` of `whole` `[B, …]`.
    func scatter(_ part: Tensor, into whole: inout Tensor) {
        precondition(whole.rank > 0 && whole.shape[0] == batchSize && part.shape == [posts.count] + whole.shape.dropFirst(),
                     "ImagePresence.scatter: \(part.shape) into \(whole.shape)")
        if isComplete {
            whole = part
            return
        }
        let width = whole.count / batchSize
        part.withUnsafeBufferPointer { source in
            whole.withUnsafeMutableBufferPointer { target in
                for (slot, post) in posts.enumerated() {
                    copy(source, from: slot * width, to: target, at: post * width, count: width)
                }
            }
        }
    }

    private func copy(_ source: UnsafeBufferPointer<Float>, from start: Int,
                      to target: UnsafeMutableBufferPointer<Float>, at offset: Int, count: Int) {
        _ = UnsafeMutableBufferPointer(rebasing: target[offset..<(offset + count)])
            .update(fromContentsOf: UnsafeBufferPointer(rebasing: source[start..<(start + count)]))
    }
}
