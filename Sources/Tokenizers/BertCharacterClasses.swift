/// The character classes of BERT's normaliser and pre-tokeniser, defined as in Hugging Face's
/// Rust `tokenizers` (which produced the reference outputs), not as in Swift's `Character`.
extension Unicode.Scalar {
    /// Whitespace: tab, line feed, carriage return and the Unicode White_Space property
    /// (space, NBSP and the other Zs, U+2028, U+2029…).
    var isBertWhitespace: Bool {
        self == "\t" || self == "\n" || self == "\r" || properties.isWhitespace
    }

    /// Deleted during cleaning: every "other" category (Cc, Cf, Co, Cs, Cn) except the three
    /// control characters that count as whitespace. Cf includes zero-width spaces and joiners,
    /// so deleting them glues their neighbours together.
    var isBertControl: Bool {
        if self == "\t" || self == "\n" || self == "\r" { return false }
        switch properties.generalCategory {
        case .control, .format, .privateUse, .surrogate, .unassigned: return true
        default: return false
        }
    }

    /// Punctuation: every printable ASCII non-alphanumeric (so `$ + < = > ^ \` | ~` count
    /// too), plus Unicode categories P*. Non-ASCII symbols such as `€` or emoji do not.
    var isBertPunctuation: Bool {
        switch value {
        case 33...47, 58...64, 91...96, 123...126: return true
        default: break
        }
        switch properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// CJK ideographs, which are split into one word each. The ranges are Rust `tokenizers`'
    /// own, whose Extension E range starts at U+2B920 where Python's BertTokenizer (and the
    /// Unicode block) start at U+2B820; Hugging Face's fast tokenizer leaves U+2B820–2B91F
    /// unsplit, and so does this. Kana and Hangul are not included.
    var isCJKIdeograph: Bool {
        switch value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F,
             0x2B740...0x2B81F, 0x2B920...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            return true
        default:
            return false
        }
    }
}
