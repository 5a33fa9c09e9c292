#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole file mapped read-only into memory, unmapped when the last reference goes.
///
/// Mapping instead of reading means opening a 90 MB checkpoint costs nothing until tensors are
/// touched, and only the pages actually used are ever loaded.
final class MappedFile: @unchecked Sendable {
    // @unchecked: the mapping is read-only and never changes after init.
    let bytes: UnsafeRawBufferPointer

    init(path: String) throws(SafeTensorsError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .cannotOpen(path: path, reason: Self.lastError()) }
        defer { close(fd) }

        var status = stat()
        guard fstat(fd, &status) == 0 else { throw .cannotOpen(path: path, reason: Self.lastError()) }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw .cannotOpen(path: path, reason: "not a regular file")
        }
        let size = Int(status.st_size)
        // mmap rejects a zero length; an empty mapping is all an empty file needs.
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else {
            throw .cannotOpen(path: path, reason: "mmap failed: \(Self.lastError())")
        }
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    deinit {
        if let base = bytes.baseAddress {
            munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
        }
    }

    private static func lastError() -> String {
        String(cString: strerror(errno))
    }
}
