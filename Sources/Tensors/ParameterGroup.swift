/// One trainable tensor of a ``ParameterGroup``: its Hugging Face–style name and where it lives.
public typealias NamedParameter<Root> = (name: String, path: WritableKeyPath<Root, Tensor>)

/// A value holding trainable tensors (a layer or a model), each under the name Hugging Face
/// checkpoints give it, e.g. `encoder.layer.0.attention.self.query.weight`.
///
/// The same type doubles as its gradient: ``zeroGradients()`` makes a copy with every parameter
/// zero, backward passes accumulate into it, and an optimiser walks ``parameters`` of both.
public protocol ParameterGroup: Sendable {
    /// Every trainable tensor with its name relative to this group, in a stable order.
    /// A tensor shared by several uses (ALBERT's one layer) appears once.
    var parameters: [NamedParameter<Self>] { get }
}

extension ParameterGroup {
    /// The parameters of the group at `path`, named `prefix.<name>` and reached from `self`.
    public func parameters<Group: ParameterGroup>(of path: WritableKeyPath<Self, Group>,
                                                  prefix: String) -> [NamedParameter<Self>] {
        self[keyPath: path].parameters.map { (prefix + "." + $0.name, path.appending(path: $0.path)) }
    }

    /// A copy with every parameter set to zero, to accumulate gradients into.
    public func zeroGradients() -> Self {
        var copy = self
        for parameter in parameters {
            copy[keyPath: parameter.path] = Tensor(zeros: self[keyPath: parameter.path].shape)
        }
        return copy
    }

    /// The number of scalar parameters.
    public var parameterCount: Int {
        parameters.reduce(0) { $0 + self[keyPath: $1.path].count }
    }
}
