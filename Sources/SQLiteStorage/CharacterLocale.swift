import Foundation

/// The process's character type locale made UTF-8 before rasqal first runs a query. rasqal 0.9.33
/// hands REGEX and REPLACE patterns to glibc's POSIX `regcomp`, which reads text in the
/// character encoding of `LC_CTYPE`; a Swift program starts in the "C" locale, where every byte
/// is a character: `.` matched one byte of "日" (REPLACE(?t, "[^a-z]", "-") wrote three dashes
/// for it), `^...$` failed on a three-letter word in Japanese, and flag `i` did not match "é"
/// with "É". A locale the process already chose (other than "C" or "POSIX") is left as it is.
enum CharacterLocale {
    /// Set once, before the first rasqal world (`RasqalEngine.init`).
    static let utf8: Void = {
        let current = setlocale(LC_CTYPE, nil).map { String(cString: $0) } ?? "C"
        guard current == "C" || current == "POSIX" else { return }
        _ = setlocale(LC_CTYPE, "C.UTF-8")
    }()
}
