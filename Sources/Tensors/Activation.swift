/// Elementwise nonlinearities, named as Hugging Face configs name them (`hidden_act`).
public enum Activation: String, Sendable, CaseIterable {
    /// GELU with the exact normal CDF: `x·Φ(x) = 0.5x(1 + erf(x/√2))` (BERT, MiniLM).
    case gelu
    /// GELU's tanh approximation `0.5x(1 + tanh(√(2/π)(x + 0.044715x³)))` (ALBERT's `gelu_new`).
    case geluTanh = "gelu_new"
    /// `x·σ(1.702x)` (CLIP).
    case quickGelu = "quick_gelu"
    case tanh
    case sigmoid

    /// The activation a config's `hidden_act` names; `gelu_pytorch_tanh` is the same function
    /// as `gelu_new`. Nil for a name this module does not implement.
    public init?(configName: String) {
        if configName == "gelu_pytorch_tanh" {
            self = .geluTanh
        } else {
            self.init(rawValue: configName)
        }
    }

    /// f(x) elementwise.
    public func forward(_ x: Tensor) -> Tensor {
        Tensor(shape: x.shape) { y in
            x.withUnsafeBufferPointer { x in
                switch self {
                case .gelu:
                    for i in 0..<x.count { y[i] = 0.5 * x[i] * (1 + FastMath.erf(x[i] * Self.inverseSqrt2)) }
                case .geluTanh:
                    for i in 0..<x.count {
                        let v = x[i]
                        y[i] = 0.5 * v * (1 + FastMath.tanh(Self.sqrt2OverPi * (v + 0.044715 * v * v * v)))
                    }
                case .quickGelu:
                    for i in 0..<x.count { y[i] = x[i] / (1 + FastMath.exp(-1.702 * x[i])) }
                case .tanh:
                    for i in 0..<x.count { y[i] = FastMath.tanh(x[i]) }
                case .sigmoid:
                    for i in 0..<x.count { y[i] = 1 / (1 + FastMath.exp(-x[i])) }
                }
            }
        }
    }

    /// dx = dy · f′(x), from the forward input `x`.
    public func backward(_ dy: Tensor, input x: Tensor) -> Tensor {
        precondition(dy.shape == x.shape, "Activation.backward: gradient \(dy.shape) vs input \(x.shape)")
        return Tensor(shape: x.shape) { dx in
            x.withUnsafeBufferPointer { x in
                dy.withUnsafeBufferPointer { dy in
                    switch self {
                    case .gelu:
                        // Φ(x) + x·φ(x).
                        for i in 0..<x.count {
                            let v = x[i]
                            let cdf = 0.5 * (1 + FastMath.erf(v * Self.inverseSqrt2))
                            let pdf = FastMath.exp(-0.5 * v * v) * Self.inverseSqrt2Pi
                            dx[i] = dy[i] * (cdf + v * pdf)
                        }
                    case .geluTanh:
                        for i in 0..<x.count {
                            let v = x[i]
                            let t = FastMath.tanh(Self.sqrt2OverPi * (v + 0.044715 * v * v * v))
                            let inner = Self.sqrt2OverPi * (1 + 3 * 0.044715 * v * v)
                            dx[i] = dy[i] * (0.5 * (1 + t) + 0.5 * v * (1 - t * t) * inner)
                        }
                    case .quickGelu:
                        for i in 0..<x.count {
                            let s = 1 / (1 + FastMath.exp(-1.702 * x[i]))
                            dx[i] = dy[i] * (s + 1.702 * x[i] * s * (1 - s))
                        }
                    case .tanh:
                        for i in 0..<x.count {
                            let t = FastMath.tanh(x[i])
                            dx[i] = dy[i] * (1 - t * t)
                        }
                    case .sigmoid:
                        for i in 0..<x.count {
                            let s = 1 / (1 + FastMath.exp(-x[i]))
                            dx[i] = dy[i] * s * (1 - s)
                        }
                    }
                }
            }
        }
    }

    private static let inverseSqrt2: Float = 0.70710678118654752
    private static let inverseSqrt2Pi: Float = 0.39894228040143268
    private static let sqrt2OverPi: Float = 0.79788456080286536
}
