import Foundation
import Images
import JPEG
import XCTest

/// `photo.jpg` through ``CLIPPreprocessor`` against transformers 5.24 `CLIPImageProcessorPil`
/// (Pillow 13) in the shared fixture. The fixture README sets ≤ 1e-6 for an exact port of
/// Pillow's filter; a float port of it already drifts to 0.016, a non-antialiased bicubic to 1.4.
final class CLIPPreprocessingFixtureTests: XCTestCase {
    func testPhotoMatchesTransformersPixelValues() throws {
        let reference = try PreprocessFixture.referencePixelValues()
        let pixels = try CLIPPreprocessor()(contentsOf: try PreprocessFixture.file("photo.jpg"))
        XCTAssertEqual([1] + pixels.shape, reference.shape)
        var (maxDifference, sum): (Float, Double) = (0, 0)
        for (got, want) in zip(pixels.values, reference.values) {
            let difference = abs(got - want)
            maxDifference = max(maxDifference, difference)
            sum += Double(difference)
        }
        let meanDifference = sum / Double(reference.values.count)
        print("CLIP preprocessing vs transformers: max abs \(maxDifference), mean abs \(meanDifference)")
        XCTAssertLessThanOrEqual(maxDifference, 1e-6)
        XCTAssertLessThanOrEqual(meanDifference, 1e-7)
    }

    /// The fixture inverts exactly to the cropped bytes (`round((pv·std + mean)·255)`), so this
    /// compares the resize and crop on their own, byte for byte.
    func testResizedCropEqualsTheFixtureBytes() throws {
        let reference = try PreprocessFixture.referencePixelValues()
        let preprocessor = CLIPPreprocessor()
        let image = try PreprocessFixture.photo()
        let plan = ResizePlan(width: image.width, height: image.height, shortestSide: 224, cropSize: 224)
        XCTAssertEqual([plan.resizedHeight, plan.resizedWidth], [224, 335])
        XCTAssertEqual([plan.crop.y, plan.crop.x], [0, 55])
        let cropped = preprocessor.resizedAndCropped(image)
        let normalization = ChannelNormalization.clip
        let plane = 224 * 224
        var mismatches = 0
        for channel in 0..<3 {
            for pixel in 0..<plane {
                let value = Double(reference.values[channel * plane + pixel])
                let byte = ((value * normalization.standardDeviation[channel] + normalization.mean[channel]) * 255).rounded()
                if Int(byte) != Int(cropped.pixels[3 * pixel + channel]) { mismatches += 1 }
            }
        }
        XCTAssertEqual(mismatches, 0, "resized and cropped bytes differing from Pillow's")
    }
}
