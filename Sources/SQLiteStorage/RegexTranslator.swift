import CRasqalOverrides
import Foundation

/// REGEX and REPLACE patterns read as SPARQL says while a query runs: `CRasqalOverrides`' REGEX
/// and REPLACE hand each pattern they have not compiled yet, with its flags, to
/// `RegexTranslation` (rasqal 0.9.33 gave glibc the pattern as written, so `\d` was the letter d,
/// and a pattern from a variable or an expression was read so even after constant ones were
/// rewritten in the query's text).
enum RegexTranslator {
    /// Set once, before the first query (`RasqalEngine.init`).
    static let installed: Void = {
        coatt_rasqal_set_regex_translator { pattern, flags, forReplace, ignoreCase, reason in
            guard let pattern, let ignoreCase, let reason else { return nil }
            do throws(RegexTranslation.Refusal) {
                let flags = flags.map { String(cString: $0) } ?? ""
                let translated = try RegexTranslation.translate(String(cString: pattern), flags: flags, forReplace: forReplace != 0)
                ignoreCase.pointee = translated.flags.contains("i") ? 1 : 0
                return strdup(translated.pattern)
            } catch {
                reason.pointee = strdup("the pattern \"\(String(cString: pattern))\": \(error.reason)")
                return nil
            }
        }
    }()
}
