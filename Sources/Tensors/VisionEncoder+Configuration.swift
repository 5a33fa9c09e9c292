extension VisionEncoder {
    /// A CLIP vision tower's hyper-parameters, as `config.json` states them (`SafeTensors`'
    /// `CLIPVisionConfig` reads that file; this module stays independent of file formats).
    public struct Configuration: Sendable, Equatable {
        /// `image_size`: the side of the square input.
        public var imageSize: Int
        /// `patch_size`: the side of one square patch.
        public var patchSize: Int
        /// `num_channels`: 3 for RGB.
        public var channels: Int
        public var hiddenSize: Int
        public var layerCount: Int
        public var headCount: Int
        public var intermediateSize: Int
        /// `hidden_act`: `quick_gelu` for OpenAI's checkpoints.
        public var activation: Activation
        public var layerNormEpsilon: Float
        /// Standard deviation of a random initialisation.
        public var initializerRange: Float

        public init(imageSize: Int, patchSize: Int, channels: Int = 3, hiddenSize: Int, layerCount: Int, headCount: Int,
                    intermediateSize: Int, activation: Activation = .quickGelu, layerNormEpsilon: Float = 1e-5,
                    initializerRange: Float = 0.02) {
            precondition(patchSize > 0 && imageSize % patchSize == 0,
                         "VisionEncoder: image size \(imageSize) is not a multiple of patch size \(patchSize)")
            precondition(headCount > 0 && hiddenSize % headCount == 0,
                         "VisionEncoder: hidden size \(hiddenSize) is not divisible by \(headCount) heads")
            (self.imageSize, self.patchSize, self.channels) = (imageSize, patchSize, channels)
            (self.hiddenSize, self.layerCount, self.headCount, self.intermediateSize) =
                (hiddenSize, layerCount, headCount, intermediateSize)
            (self.activation, self.layerNormEpsilon, self.initializerRange) = (activation, layerNormEpsilon, initializerRange)
        }

        /// Patches per image, `(imageSize / patchSize)²`.
        public var patchCount: Int { (imageSize / patchSize) * (imageSize / patchSize) }
        /// Tokens per image: every patch and the class token.
        public var tokenCount: Int { patchCount + 1 }
    }
}
