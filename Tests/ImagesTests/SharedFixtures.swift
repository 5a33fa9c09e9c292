import Foundation
import JPEG
import SafeTensors
import SharedTestPaths
import XCTest

/// The CLIP preprocessing fixture (`fixtures/clip-vit-tiny/preprocess` of the shared folder).
enum PreprocessFixture {
    static func file(_ name: String) throws -> URL {
        try SharedTestPaths.shared("fixtures/clip-vit-tiny/preprocess/" + name)
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
}
