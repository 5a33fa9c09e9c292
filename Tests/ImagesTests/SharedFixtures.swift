import Foundation
import JPEG
import SafeTensors
import XCTest

/// The CLIP preprocessing fixture: `$COATT_SHARED/fixtures/clip-vit-tiny/preprocess`, else
/// `<package root>/../shared/…`. Tests skip, naming the place looked at, when it is absent.
enum PreprocessFixture {
    static func file(_ name: String) throws -> URL {
        let url = directory.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("fixture \(url.path) not found (set COATT_SHARED to the shared folder)")
        }
        return url
    }

    /// `photo.jpg` decoded as Pillow opens it (upright; it has no EXIF orientation).
    static func photo() throws -> RGBImage {
        try JPEGDecoder.decode(Data(contentsOf: file("photo.jpg")), applyingOrientation: true)
    }

    /// `pixel_values` of `pixel_values.safetensors` with its shape.
    static func referencePixelValues() throws -> (shape: [Int], values: [Float]) {
        let file = try SafeTensorsFile(url: try self.file("pixel_values.safetensors"))
        return (try file.info("pixel_values").shape, try file.floats("pixel_values"))
    }

    private static var directory: URL {
        let shared: URL
        if let path = ProcessInfo.processInfo.environment["COATT_SHARED"], !path.isEmpty {
            shared = URL(fileURLWithPath: path)
        } else {
            let packageRoot = URL(fileURLWithPath: #filePath)
                .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
        }
        return shared.appendingPathComponent("fixtures/clip-vit-tiny/preprocess")
    }
}
