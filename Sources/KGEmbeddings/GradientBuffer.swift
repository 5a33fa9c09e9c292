/// Dense per-thread gradient accumulators with a record of which entity rows were touched,
/// so merging and the (lazy) optimiser visit only those rows and zero them afterwards.
final class GradientBuffer: @unchecked Sendable {
    let dimension: Int
    let entityCount: Int
    let relationCount: Int
    let entity: UnsafeMutablePointer<Float>
    let relation: UnsafeMutablePointer<Float>
    let touched: UnsafeMutablePointer<UInt8>

    init(entityCount: Int, relationCount: Int, dimension: Int) {
        self.dimension = dimension
        self.entityCount = entityCount
        self.relationCount = relationCount
        entity = .allocate(capacity: entityCount * dimension)
        entity.initialize(repeating: 0, count: entityCount * dimension)
        relation = .allocate(capacity: relationCount * dimension)
        relation.initialize(repeating: 0, count: relationCount * dimension)
        touched = .allocate(capacity: entityCount)
        touched.initialize(repeating: 0, count: entityCount)
    }

    deinit {
        entity.deallocate()
        relation.deallocate()
        touched.deallocate()
    }

    /// The gradient row of entity `e`, marked as touched.
    @inline(__always)
    func entityRow(_ e: Int32) -> UnsafeMutablePointer<Float> {
        touched[Int(e)] = 1
        return entity + Int(e) * dimension
    }

    /// The gradient row of relation `r` (all relation rows are always merged).
    @inline(__always)
    func relationRow(_ r: Int32) -> UnsafeMutablePointer<Float> {
        relation + Int(r) * dimension
    }
}
