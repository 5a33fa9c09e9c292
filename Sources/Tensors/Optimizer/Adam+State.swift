extension Adam {
    /// The moments and step count, by parameter name: what a checkpoint must keep so that a
    /// resumed run takes exactly the steps an uninterrupted one would.
    public struct State: Sendable, Equatable {
        public var stepCount: Int
        /// Name → (first moment, second moment), each with the parameter's element count.
        public var moments: [String: (first: [Float], second: [Float])]

        public init(stepCount: Int, moments: [String: (first: [Float], second: [Float])]) {
            (self.stepCount, self.moments) = (stepCount, moments)
        }

        public static func == (a: State, b: State) -> Bool {
            a.stepCount == b.stepCount && a.moments.keys == b.moments.keys
                && a.moments.allSatisfy { name, m in b.moments[name].map { $0.first == m.first && $0.second == m.second } ?? false }
        }
    }

    /// The optimiser's state now.
    public var state: State {
        State(stepCount: stepCount, moments: Dictionary(uniqueKeysWithValues: slots.map { ($0.name, ($0.firstMoment, $0.secondMoment)) }))
    }

    /// Puts back a saved state. Throws, changing nothing, when a parameter is missing from it or
    /// its moments have another size.
    public mutating func restore(_ state: State) throws(StateMismatch) {
        for slot in slots {
            guard let moments = state.moments[slot.name] else { throw StateMismatch("no moments for \(slot.name)") }
            guard moments.first.count == slot.firstMoment.count && moments.second.count == slot.secondMoment.count else {
                throw StateMismatch("\(slot.name): moments of \(moments.first.count) values, the parameter has \(slot.firstMoment.count)")
            }
        }
        for index in slots.indices {
            let moments = state.moments[slots[index].name]!
            (slots[index].firstMoment, slots[index].secondMoment) = (moments.first, moments.second)
        }
        stepCount = state.stepCount
    }

    /// A saved state that does not fit this optimiser's parameters.
    public struct StateMismatch: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }
}
