import Foundation

// Tensor bytes are handed out as stored; the format is little-endian, as is every host this
// project builds for (x86_64, arm64).
#if _endian(big)
#error("SafeTensors reads little-endian data in place and does not support big-endian hosts")
#endif

/// A safetensors file, memory-mapped: opening it reads and checks only the header, and tensor
/// data is paged in when a tensor is read.
///
/// ```swift
/// let file = try SafeTensorsFile(path: "model.safetensors")
/// let weight = try file.floats("embeddings.word_embeddings.weight")   // F32, F16 or BF16
/// let shape = try file.info("embeddings.word_embeddings.weight").shape
/// ```
public final class SafeTensorsFile: Sendable {
    /// The path the file was opened with, used in error messages.
    public let path: String
    /// The header's `__metadata__` (provenance such as `format: pt`); empty when absent.
    public let metadata: [String: String]
    /// Every tensor name, sorted.
    public let names: [String]

    private let tensors: [String: TensorInfo]
    private let file: MappedFile
    private let dataStart: Int

    /// Maps the file and validates its header (see ``SafeTensorsError`` for what is rejected).
    public init(path: String) throws(SafeTensorsError) {
        self.path = path
        file = try MappedFile(path: path)
        let header = try SafeTensorsHeader(file: file.bytes, path: path)
        tensors = header.tensors
        metadata = header.metadata
        dataStart = header.dataStart
        names = tensors.keys.sorted()
    }

    /// Same as ``init(path:)`` for a file URL.
    public convenience init(url: URL) throws(SafeTensorsError) {
        try self.init(path: url.path)
    }

    /// Whether the file holds a tensor of that name; for optional tensors and name prefixes.
    public func contains(_ name: String) -> Bool {
        tensors[name] != nil
    }

    /// Dtype, shape and location of a tensor.
    public func info(_ name: String) throws(SafeTensorsError) -> TensorInfo {
        guard let info = tensors[name] else {
            throw .noTensor(name: name, path: path, available: names)
        }
        return info
    }

    /// The tensor's elements in row-major order as Float32, widening F16 and BF16 exactly.
    /// Throws ``SafeTensorsError/unsupportedDType(path:tensor:dtype:detail:)`` for other dtypes.
    public func floats(_ name: String) throws(SafeTensorsError) -> [Float] {
        let info = try info(name)
        let raw = bytes(of: info)
        switch info.dtype {
        case .f32:
            return Array(unsafeUninitializedCapacity: info.elementCount) { buffer, count in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: raw)
                count = info.elementCount
            }
        case .f16:
            return Self.mapElements(raw, as: UInt16.self, ElementDecoding.float(fromHalf:))
        case .bf16:
            return Self.mapElements(raw, as: UInt16.self, ElementDecoding.float(fromBFloat16:))
        default:
            throw .unsupportedDType(path: path, tensor: name, dtype: info.dtype.rawValue,
                                    detail: "floats() reads F32, F16 and BF16; use int64s() for integer tensors")
        }
    }

    /// The tensor's elements widened to Int64, for integer and boolean tensors (I8…I64,
    /// U8…U32, BOOL), such as BERT's `embeddings.position_ids`.
    public func int64s(_ name: String) throws(SafeTensorsError) -> [Int64] {
        let info = try info(name)
        let raw = bytes(of: info)
        switch info.dtype {
        case .i64: return Self.mapElements(raw, as: Int64.self) { $0 }
        case .i32: return Self.mapElements(raw, as: Int32.self, Int64.init)
        case .i16: return Self.mapElements(raw, as: Int16.self, Int64.init)
        case .i8: return Self.mapElements(raw, as: Int8.self, Int64.init)
        case .u32: return Self.mapElements(raw, as: UInt32.self, Int64.init)
        case .u16: return Self.mapElements(raw, as: UInt16.self, Int64.init)
        case .u8, .bool: return Self.mapElements(raw, as: UInt8.self, Int64.init)
        default:
            throw .unsupportedDType(path: path, tensor: name, dtype: info.dtype.rawValue,
                                    detail: "int64s() reads I8…I64, U8…U32 and BOOL; use floats() for float tensors")
        }
    }

    /// Calls `body` with the tensor's elements as Float32. For F32 tensors the buffer points
    /// straight into the mapped file (no copy; every file the reference writer produces is
    /// aligned for this); F16 and BF16 are converted into a temporary buffer first.
    /// The buffer is valid only inside `body`.
    public func withUnsafeFloats<R>(_ name: String,
                                    _ body: (UnsafeBufferPointer<Float>) throws -> R) throws -> R {
        let info = try info(name)
        let raw = bytes(of: info)
        let aligned = Int(bitPattern: raw.baseAddress) % MemoryLayout<Float>.alignment == 0
        if info.dtype == .f32, aligned {
            return try body(raw.bindMemory(to: Float.self))
        }
        return try floats(name).withUnsafeBufferPointer(body)
    }

    private func bytes(of info: TensorInfo) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: file.bytes[(dataStart + info.dataOffsets.lowerBound)..<(dataStart + info.dataOffsets.upperBound)])
    }

    /// Loads each element of `raw` as `T` (unaligned loads: offsets need not be multiples of
    /// the element size) and transforms it.
    private static func mapElements<T, U>(_ raw: UnsafeRawBufferPointer, as type: T.Type,
                                          _ transform: (T) -> U) -> [U] {
        let stride = MemoryLayout<T>.size
        return (0..<(raw.count / stride)).map { transform(raw.loadUnaligned(fromByteOffset: $0 * stride, as: T.self)) }
    }
}
