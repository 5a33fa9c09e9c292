import CRedland

/// How many items a raptor sequence rasqal hands out holds; 0 when rasqal gave none (nil).
func raptorSequenceCount(_ sequence: OpaquePointer?) -> Int32 {
    sequence.map { raptor_sequence_size($0) } ?? 0
}
