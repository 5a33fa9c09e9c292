import Foundation

/// Adam with bias correction over a ``ParameterGroup``, step for step as `torch.optim.AdamW`
/// (decoupled weight decay, the default) or `torch.optim.Adam` (weight decay added to the
/// gradient as L2):
///
///     p ← p·(1 − lr·λ)                       (decoupled only)
///     m ← m + (g − m)(1 − β₁),  v ← β₂·v + (1 − β₂)·g²
///     p ← p − lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)
///
/// Each parameter takes its learning rate from the first ``Group`` whose predicate selects its
/// name (else the base rate), times the ``LearningRateSchedule``; weight decay skips the names a
/// predicate excludes (by default biases and normalisation weights, see
/// ``excludedFromWeightDecayByDefault(_:)``). The model's own type holds the gradients
/// (``ParameterGroup/zeroGradients()``).
public struct Adam<Model: ParameterGroup> {
    /// How weight decay λ enters the update.
    public enum WeightDecayStyle: Sendable {
        /// AdamW: the parameter shrinks by lr·λ before the Adam step, outside the moments.
        case decoupled
        /// Adam: λ·p is added to the gradient, so it passes through the moments.
        case coupled
    }

    /// The constants shared by every parameter.
    public struct Hyperparameters: Sendable {
        public var beta1: Double, beta2: Double, epsilon: Double
        /// λ; torch.optim.AdamW's default is 0.01.
        public var weightDecay: Double
        public var weightDecayStyle: WeightDecayStyle

        public init(beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8, weightDecay: Double = 0.01,
                    weightDecayStyle: WeightDecayStyle = .decoupled) {
            (self.beta1, self.beta2, self.epsilon) = (beta1, beta2, epsilon)
            self.weightDecay = weightDecay
            self.weightDecayStyle = weightDecayStyle
        }
    }

    /// The parameters some predicate selects by name, with their own base learning rate (torch's
    /// parameter groups), e.g. the pretrained encoder at 5e-5 next to new layers at 1e-3.
    public struct Group: Sendable {
        public var learningRate: Double
        public var selects: @Sendable (String) -> Bool

        public init(learningRate: Double, selects: @escaping @Sendable (String) -> Bool) {
            self.learningRate = learningRate
            self.selects = selects
        }

        /// The parameters whose names start with any of `prefixes`.
        public static func prefixed(_ prefixes: [String], learningRate: Double) -> Group {
            Group(learningRate: learningRate) { name in prefixes.contains { name.hasPrefix($0) } }
        }
    }

    public let hyperparameters: Hyperparameters
    public let schedule: LearningRateSchedule
    /// Updates made so far (torch's `step` state).
    public internal(set) var stepCount = 0
    var slots: [Slot]

    /// An optimiser for `model`'s parameters, with zero moments.
    /// - Parameters:
    ///   - learningRate: the base rate of parameters no group selects.
    ///   - groups: per-name learning rates; the first group that selects a name wins.
    ///   - excludedFromWeightDecay: names that get no weight decay.
    public init(for model: Model, learningRate: Double, groups: [Group] = [], hyperparameters: Hyperparameters = .init(),
                schedule: LearningRateSchedule = .constant,
                excludedFromWeightDecay: (String) -> Bool = Adam.excludedFromWeightDecayByDefault) {
        self.hyperparameters = hyperparameters
        self.schedule = schedule
        slots = model.parameters.map { parameter in
            let count = model[keyPath: parameter.path].count
            return Slot(name: parameter.name, path: parameter.path,
                        learningRate: groups.first { $0.selects(parameter.name) }?.learningRate ?? learningRate,
                        weightDecay: excludedFromWeightDecay(parameter.name) ? 0 : hyperparameters.weightDecay,
                        firstMoment: [Float](repeating: 0, count: count), secondMoment: [Float](repeating: 0, count: count))
        }
    }

    /// Hugging Face's usual exclusion (`no_decay = ["bias", "LayerNorm.weight"]`), spelled for
    /// every normalisation naming in these checkpoints: a name ending in `bias`, or a `weight`
    /// whose module name contains "norm" in any case (`LayerNorm`, `full_layer_layer_norm`,
    /// `layer_norm1`, `pre_layrnorm`, `post_layernorm`).
    public static func excludedFromWeightDecayByDefault(_ name: String) -> Bool {
        let components = name.split(separator: ".")
        guard let last = components.last else { return false }
        if last == "bias" { return true }
        return last == "weight" && components.count >= 2 && components[components.count - 2].lowercased().contains("norm")
    }

    /// The learning rate the next update will give the parameter `name` (schedule included),
    /// or nil for a name the model does not have.
    public func learningRate(of name: String) -> Double? {
        slots.first { $0.name == name }.map { $0.learningRate * schedule.multiplier(afterSteps: stepCount) }
    }

    /// One update of every parameter of `model` from `gradients` (the same type, see
    /// ``ParameterGroup/zeroGradients()``).
    public mutating func step(_ model: inout Model, gradients: Model) {
        let multiplier = schedule.multiplier(afterSteps: stepCount)
        stepCount += 1
        let h = hyperparameters
        let biasCorrection1 = 1 - pow(h.beta1, Double(stepCount))
        let biasCorrection2 = 1 - pow(h.beta2, Double(stepCount))
        for index in slots.indices {
            let path = slots[index].path
            let learningRate = slots[index].learningRate * multiplier
            let weightDecay = slots[index].weightDecay
            // The scalars as torch forms them: in double, each rounded to float32 where it meets a tensor.
            let coefficients = Slot.Coefficients(
                beta1Complement: Float(1 - h.beta1), beta2: Float(h.beta2), beta2Complement: Float(1 - h.beta2),
                epsilon: Float(h.epsilon), negativeStepSize: Float(-learningRate / biasCorrection1),
                biasCorrection2Root: Float(biasCorrection2.squareRoot()),
                decay: h.weightDecayStyle == .decoupled ? Float(1 - learningRate * weightDecay) : 1,
                gradientDecay: h.weightDecayStyle == .coupled ? Float(weightDecay) : 0)
            slots[index].update(&model[keyPath: path], gradient: gradients[keyPath: path], coefficients)
        }
    }
}

extension Adam {
    /// One parameter's settings and moments.
    struct Slot {
        /// The per-step scalars of one parameter's update.
        struct Coefficients {
            let beta1Complement: Float, beta2: Float, beta2Complement: Float, epsilon: Float
            /// −lr / (1 − β₁ᵗ).
            let negativeStepSize: Float
            /// √(1 − β₂ᵗ).
            let biasCorrection2Root: Float
            /// 1 − lr·λ for decoupled decay, else 1.
            let decay: Float
            /// λ for coupled decay, else 0.
            let gradientDecay: Float
        }

        let name: String
        let path: WritableKeyPath<Model, Tensor>
        let learningRate: Double
        let weightDecay: Double
        var firstMoment: [Float]
        var secondMoment: [Float]

        mutating func update(_ parameter: inout Tensor, gradient: Tensor, _ c: Coefficients) {
            precondition(gradient.shape == parameter.shape, "Adam: gradient \(gradient.shape) for \(name) \(parameter.shape)")
            parameter.withUnsafeMutableBufferPointer { p in
                gradient.withUnsafeBufferPointer { g in
                    firstMoment.withUnsafeMutableBufferPointer { m in
                        secondMoment.withUnsafeMutableBufferPointer { v in
                            for i in 0..<p.count {
                                let grad = g[i] + c.gradientDecay * p[i]
                                p[i] *= c.decay
                                // torch's lerp form m + w·(g − m), which rounds differently from β₁m + (1 − β₁)g.
                                m[i] += c.beta1Complement * (grad - m[i])
                                v[i] = v[i] * c.beta2 + c.beta2Complement * grad * grad
                                let denominator = v[i].squareRoot() / c.biasCorrection2Root + c.epsilon
                                p[i] += c.negativeStepSize * (m[i] / denominator)
                            }
                        }
                    }
                }
            }
        }
    }
}
