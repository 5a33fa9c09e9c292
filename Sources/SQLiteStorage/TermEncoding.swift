import Foundation
import RDFModel

/// How a term is kept in the `term` table: a kind, the lexical form, and one extra column holding
/// the language tag or datatype. An `xsd:string` literal is kept as the simple literal it equals
/// in RDF 1.1, so `"x"` and `"x"^^xsd:string` are one term: one triple when loaded twice, and a
/// pattern written either way matches both.
struct EncodedTerm: Hashable {
    static let iri: Int64 = 1, blank: Int64 = 2, plain: Int64 = 3, language: Int64 = 4, typed: Int64 = 5

    let kind: Int64
    let lexical: String
    let extra: String

    init(_ term: RDFTerm) {
        switch term {
        case .iri(let iri): (kind, lexical, extra) = (Self.iri, iri, "")
        case .blank(let label): (kind, lexical, extra) = (Self.blank, label, "")
        case .literal(let lex, let language?, _): (kind, lexical, extra) = (Self.language, lex, language)
        case .literal(let lex, nil, Vocabulary.xsdString?): (kind, lexical, extra) = (Self.plain, lex, "")
        case .literal(let lex, nil, let datatype?): (kind, lexical, extra) = (Self.typed, lex, datatype)
        case .literal(let lex, nil, nil): (kind, lexical, extra) = (Self.plain, lex, "")
        }
    }

    init(kind: Int64, lexical: String, extra: String) {
        (self.kind, self.lexical, self.extra) = (kind, lexical, extra)
    }

    // Byte-exact, unlike String's `==`, which equates canonically equivalent Unicode: an IRI in
    // NFC and the same IRI in NFD are different terms (W3C test i18n/normalization-1).
    static func == (a: EncodedTerm, b: EncodedTerm) -> Bool {
        a.kind == b.kind && a.lexical.utf8Order(b.lexical) == 0 && a.extra.utf8Order(b.extra) == 0
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        Self.combine(lexical, into: &hasher)
        hasher.combine(0xFF as UInt8)  // never a UTF-8 byte: separates the two strings
        Self.combine(extra, into: &hasher)
    }

    // The strings' own UTF-8 storage where they have one (always, for strings made in Swift or
    // from C): a copy made to call `withUTF8` costs a retain and a release per string, which was
    // most of the time of looking a term up while loading.
    private static func combine(_ string: String, into hasher: inout Hasher) {
        let done: Void? = string.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        if done == nil {
            var copy = string
            copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    var term: RDFTerm {
        switch kind {
        case Self.iri: return .iri(lexical)
        case Self.blank: return .blank(lexical)
        case Self.language: return .literal(lexical, language: extra)
        case Self.typed: return .literal(lexical, datatype: extra)
        default: return .literal(lexical)
        }
    }
}
