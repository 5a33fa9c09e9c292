import BLAS
import Tensors

/// The process settings of every command that runs the encoder, so that `ner tag`, `extract` and
/// the evaluations run as fast as the benchmarks that time them.
enum EncoderRuntime {
    /// OpenBLAS uses `threads` threads, and freed tensor memory stays in the process
    /// (``AllocatorTuning/keepFreedMemory()``: without it a batch's tensors page-fault anew each time).
    /// - Throws: `CommandFailure` for a thread count outside 1…256 (OpenBLAS would stop the process).
    static func prepare(threads: Int) throws {
        guard (1...256).contains(threads) else { throw CommandFailure("--threads must be between 1 and 256, not \(threads)") }
        BLAS.threads = threads
        AllocatorTuning.keepFreedMemory()
    }
}
