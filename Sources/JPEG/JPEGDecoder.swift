/// Decodes JPEG files (baseline, progressive, gray, YCbCr, RGB, CMYK, YCCK) to ``RGBImage``
/// with libjpeg-turbo. With default settings the pixels are bit-identical to Pillow's.
///
/// Error policy: nothing is printed and nothing exits; every failure throws ``JPEGError``.
/// Where libjpeg would only warn and make up pixels, this decoder throws instead:
/// - A file that ends early (`Premature end of JPEG file`) throws `.truncated`, even when only
///   the final EOI marker is missing: for progressive files libjpeg cannot tell that apart
///   from lost refinement scans, and a partly gray image is worse than none for training.
/// - Damaged entropy data throws `.corruptData` when libjpeg notices it: a bad Huffman code,
///   an unexpected marker, lost restart sync, or — the usual symptom, since damaged data mostly
///   still decodes to valid codes — leftover bytes at the end of a scan. Damage that leaves the
///   decoder in step cannot be detected by any decoder (about 1 in 100 random byte flips in
///   our tests, more in progressive files) and yields wrong pixels.
/// - Warnings that leave pixels intact (stray bytes between header markers, unknown JFIF
///   revision, bad ICC chunk) are tolerated; ``readInfo(_:)`` reports the first one.
public enum JPEGDecoder {
    /// Reads size, color space, progressiveness and EXIF orientation without decoding pixels.
    public static func readInfo(_ data: [UInt8]) throws(JPEGError) -> JPEGInfo {
        try checkSignature(data)
        return try LibJPEG.readHeader(data, scale: .full).info
    }

    /// Decodes `data` to RGB.
    ///
    /// - Parameters:
    ///   - scale: DCT-domain downscale applied while decoding (see ``JPEGScale``).
    ///   - maxPixels: the largest stored `width × height` accepted. Checked right after the
    ///     header, before any pixel memory exists, so a tiny file declaring 60000×60000
    ///     (a "JPEG bomb") costs nothing. It applies to the stored size even when `scale`
    ///     shrinks the output, because libjpeg's own working memory grows with the stored size.
    ///   - applyingOrientation: rotate/flip by the EXIF orientation so the result is upright.
    ///     Off by default, as in Pillow's `Image.open`.
    public static func decode(_ data: [UInt8], scale: JPEGScale = .full, maxPixels: Int = 50_000_000,
                              applyingOrientation: Bool = false) throws(JPEGError) -> RGBImage {
        try checkSignature(data)
        let header = try LibJPEG.readHeader(data, scale: scale)
        let (width, height) = (header.info.width, header.info.height)
        guard width * height <= maxPixels else {
            throw .tooLarge(width: width, height: height, limit: maxPixels)
        }
        let pixels = try LibJPEG.decodeRGB(data, scale: scale, width: header.outputWidth,
                                           height: header.outputHeight)
        let image = RGBImage(width: header.outputWidth, height: header.outputHeight, pixels: pixels)
        return applyingOrientation ? image.applyingOrientation(header.info.orientation) : image
    }

    /// Rejects empty and non-JPEG input with a clearer message than libjpeg's.
    private static func checkSignature(_ data: [UInt8]) throws(JPEGError) {
        guard !data.isEmpty else { throw JPEGError(.empty, "empty data: no bytes to decode as JPEG") }
        // A single byte is left to libjpeg, which reports it as truncated.
        if data.count >= 2, data[0] != 0xFF || data[1] != 0xD8 {
            throw .notJPEG(startingWith: data[...])
        }
    }
}
