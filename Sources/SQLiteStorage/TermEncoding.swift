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
        a.kind == b.kind && sameBytes(a.lexical, b.lexical) && sameBytes(a.extra, b.extra)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        var (lexical, extra) = (lexical, extra)
        lexical.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        hasher.combine(0xFF as UInt8)  // never a UTF-8 byte: separates the two strings
        extra.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    private static func sameBytes(_ a: String, _ b: String) -> Bool {
        var (a, b) = (a, b)
        return a.withUTF8 { x in b.withUTF8 { y in x.count == y.count && (x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) } }
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
