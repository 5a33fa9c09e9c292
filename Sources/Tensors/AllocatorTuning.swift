/// Training allocates and frees tensors of many megabytes every step. glibc's defaults hand
/// blocks over 128 KiB back to the kernel at once and trim the heap eagerly, so each step pays
/// page faults again (a third of a MiniLM step's time went to the kernel). Keeping freed memory
/// in the process removes that: call once before a training or benchmark loop.
public enum AllocatorTuning {
    public static func keepFreedMemory() {
        #if os(Linux)
        // malloc.h's parameters (not exported by the Glibc module).
        let trimThreshold: Int32 = -1, topPad: Int32 = -2, mmapThreshold: Int32 = -3
        _ = glibcMallopt(mmapThreshold, 32 << 20)  // glibc's maximum on 64-bit
        _ = glibcMallopt(trimThreshold, 1 << 30)
        _ = glibcMallopt(topPad, 256 << 20)
        #endif
    }
}

#if os(Linux)
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
