import BLAS
import Tensors

/// The process settings of every command that runs the encoder, so that `ner tag`, `extract` and
/// the evaluations run as fast as the benchmarks that time them.
enum EncoderRuntime {
    /// OpenBLAS uses `threads` threads, and freed tensor memory stays in the process
    /// (``AllocatorTuning/keepFreedMemory()``: without it a batch's tensors page-fault anew each time).
    static func prepare(threads: Int) {
        BLAS.threads = threads
        AllocatorTuning.keepFreedMemory()
    }
}
