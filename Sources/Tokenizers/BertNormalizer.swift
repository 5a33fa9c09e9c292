/// BERT's text normalisation, step for step as Hugging Face's `BertNormalizer`: clean, space
/// out CJK ideographs, strip accents, lower-case. Nothing is NFKC-folded (`ﬁ` and full-width
/// letters stay as they are).
struct BertNormalizer: Sendable {
    var lowercase: Bool
    var stripAccents: Bool
    var handleChineseChars: Bool

    func normalize(_ text: inout NormalizedText) {
        text.rewrite { scalar, emit in
            if scalar.value == 0 || scalar.value == 0xFFFD || scalar.isBertControl { return }
            emit(scalar.isBertWhitespace ? " " : scalar)
        }
        if handleChineseChars {
            text.rewrite { scalar, emit in
                if scalar.isCJKIdeograph {
                    emit(" "); emit(scalar); emit(" ")
                } else {
                    emit(scalar)
                }
            }
        }
        if stripAccents {
            // Before lower-casing, as in the Rust normaliser: `İ` becomes `I` + U+0307, loses
            // the dot, and ends as a plain `i`.
            text.decomposeCanonically()
            text.rewrite { scalar, emit in
                if scalar.properties.generalCategory != .nonspacingMark { emit(scalar) }
            }
        }
        if lowercase {
            // Per scalar, without context rules: a word-final `Σ` becomes `σ`, not `ς`.
            text.rewrite { scalar, emit in
                if ("A"..."Z").contains(scalar) {
                    emit(Unicode.Scalar(UInt8(scalar.value) + 32))
                } else if scalar.isASCII {
                    emit(scalar)
                } else {
                    scalar.properties.lowercaseMapping.unicodeScalars.forEach(emit)
                }
            }
        }
    }
}
