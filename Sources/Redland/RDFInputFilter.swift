import Foundation

/// Checks and prepares the bytes of an RDF document on their way to raptor, which reads whatever
/// it is given and turns several kinds of bad input into silently missing data:
///
/// - Encoding. Every syntax is read as UTF-8. A UTF-8 byte-order mark at the start is skipped
///   (raptor's Turtle and N-Triples lexers call it a syntax error); a UTF-16 or UTF-32 one, a NUL
///   byte (UTF-16 without a mark is full of them) or a byte sequence that is not UTF-8 is an error:
///   raptor read UTF-16 as no triples at all, and a NUL byte ends its strings.
/// - NUL escapes. In the Turtle family, `\u0000` and `\U00000000` are refused: raptor builds its
///   literals with `strlen` (raptor_new_term_from_literal, raptor_term.c), so the term would end at
///   the NUL, and rasqal keeps strings as C strings too.
/// - Comments in N-Triples and N-Quads are removed, their newline kept so that raptor's line
///   numbers stay right. raptor's line splitter (raptor_ntriples_parse_chunk, ntriples_parse.c)
///   knows nothing of comments: a `'` or `"` in one opens a "quote" that runs past the end of the
///   line, and a `\` escapes the newline, so the rest of the file joined the comment and was
///   dropped without an error.
/// - Lines of N-Triples and N-Quads are bounded: raptor rescans a long line on every chunk.
struct RDFInputFilter {
    /// Why the input was refused: a message, and the line (1-based) when there is one.
    struct Failure: Error {
        let line: Int?
        let message: String
    }

    /// Where the scanner is in the Turtle family's lexical structure (N-Triples being a subset).
    private enum Lexical {
        case code
        case iri
        case comment
        /// One or two quote characters seen where a string starts; three open a long string.
        case opening(quote: UInt8, count: Int)
        case string(quote: UInt8, long: Bool)
        /// A run of quote characters inside a long string; three or more end it.
        case closing(quote: UInt8, count: Int)
    }

    /// RDF/XML goes to libxml as it is: XML declares its own encoding (or has a byte-order mark),
    /// which libxml follows, and XML allows no NUL character in any encoding.
    private let checksInput: Bool
    private let scansTurtle: Bool
    private let stripsComments: Bool
    private let maxLineBytes: Int?

    private var started = false
    private var line = 1
    private var lineBytes = 0
    private var lexical = Lexical.code
    private var escaped = false
    /// After `\u` or `\U`: how many more `0` digits would make the escape a NUL.
    private var zerosToNUL = 0
    /// Continuation bytes the current UTF-8 sequence still needs, and the range the next one must
    /// fall in (narrower after E0, ED, F0 and F4, which exclude overlong forms and surrogates).
    private var continuations = 0
    private var continuationRange: ClosedRange<UInt8> = 0x80...0xBF
    /// The first byte of the character being read, for messages.
    private var leadByte: UInt8 = 0

    init(format: RDFFormat, maxLineBytes: Int) {
        checksInput = format != .rdfxml
        scansTurtle = format != .rdfxml
        let lineBased = format == .ntriples || format == .nquads
        stripsComments = lineBased
        self.maxLineBytes = lineBased ? maxLineBytes : nil
    }

    /// The bytes of `chunk` that raptor should read. Throws `Failure` for input it must not see.
    mutating func filter(_ chunk: Data) throws -> Data {
        guard checksInput else { return chunk }
        var input = chunk
        if !started && !chunk.isEmpty {
            started = true
            input = try skippingByteOrderMark(input)
        }
        // Comments are cut out as whole ranges: a chunk without one is passed on as it is.
        var kept = Data()
        var cut = stripsComments && isInComment
        var keptFrom: Int? = cut ? nil : 0
        let plain = Self.plain  // read once: a static is behind a once-check on every access
        try input.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var index = 0
            while index < bytes.count {
                if continuations == 0 && !escaped && zerosToNUL == 0 && isSkippingPlainBytes {
                    // Plain ASCII changes nothing but the line's length: most of the input.
                    let start = index
                    while index < bytes.count && plain[Int(bytes[index])] { index += 1 }
                    lineBytes += index - start
                    if let maxLineBytes, lineBytes > maxLineBytes { throw lineTooLong(maxLineBytes) }
                    if index == bytes.count { break }
                }
                let byte = bytes[index]
                try checkEncoding(byte)
                if byte == 0x0A {
                    line += 1
                    lineBytes = 0
                } else if let maxLineBytes {
                    lineBytes += 1
                    if lineBytes > maxLineBytes { throw lineTooLong(maxLineBytes) }
                }
                if scansTurtle {
                    let wasInComment = isInComment
                    try scan(byte)
                    if stripsComments && wasInComment != isInComment {
                        if let from = keptFrom {  // a comment starts here
                            kept.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<index]))
                            keptFrom = nil
                            cut = true
                        } else {  // its newline is kept
                            keptFrom = index
                        }
                    }
                }
                index += 1
            }
            if cut, let from = keptFrom { kept.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<bytes.count])) }
        }
        return cut ? kept : input
    }

    private func lineTooLong(_ limit: Int) -> Failure {
        Failure(line: line, message: "line longer than \(limit) bytes; an N-Triples line is one statement")
    }

    /// Bytes below 0x80 that change neither the encoding check nor the lexical state: every one
    /// but NUL, line ends, quotes, `\\`, `<`, `>` and `#`.
    private static let plain: [Bool] = (0..<256).map { byte in
        byte > 0 && byte < 0x80 && !"\n\r\"'\\<>#".utf8.contains(UInt8(byte))
    }

    /// Whether plain bytes leave the lexical state as it is (not so while a run of quotes is
    /// being counted).
    private var isSkippingPlainBytes: Bool {
        switch lexical {
        case .opening, .closing: false
        case .code, .iri, .string, .comment: true
        }
    }

    private var isInComment: Bool { if case .comment = lexical { true } else { false } }

    /// Checks the end of the input.
    func finish() throws {
        guard checksInput else { return }
        if continuations > 0 { throw notUTF8("the input ends inside a character") }
    }

    private func skippingByteOrderMark(_ input: Data) throws -> Data {
        let marks: [(bytes: [UInt8], encoding: String?)] = [
            ([0xEF, 0xBB, 0xBF], nil),
            ([0x00, 0x00, 0xFE, 0xFF], "UTF-32"), ([0xFF, 0xFE, 0x00, 0x00], "UTF-32"),  // before UTF-16's FF FE
            ([0xFE, 0xFF], "UTF-16"), ([0xFF, 0xFE], "UTF-16"),
        ]
        guard let mark = marks.first(where: { input.starts(with: $0.bytes) }) else { return input }
        if let encoding = mark.encoding {
            throw Failure(line: nil, message: "is \(encoding) (byte-order mark); RDF files must be UTF-8")
        }
        return input.dropFirst(mark.bytes.count)
    }

    private mutating func checkEncoding(_ byte: UInt8) throws {
        if continuations > 0 {
            guard continuationRange.contains(byte) else {
                throw notUTF8(String(format: "byte 0x%02X is not followed by the rest of a character", leadByte))
            }
            continuations -= 1
            continuationRange = 0x80...0xBF
            return
        }
        switch byte {
        case 0x00:
            throw Failure(line: line, message: "a NUL byte; RDF files must be UTF-8 text without NUL bytes (UTF-16 has one in most characters)")
        case 0x01...0x7F: return
        case 0xC2...0xDF: continuations = 1
        case 0xE0: (continuations, continuationRange) = (2, 0xA0...0xBF)
        case 0xED: (continuations, continuationRange) = (2, 0x80...0x9F)
        case 0xE1...0xEF: continuations = 2
        case 0xF0: (continuations, continuationRange) = (3, 0x90...0xBF)
        case 0xF1...0xF3: continuations = 3
        case 0xF4: (continuations, continuationRange) = (3, 0x80...0x8F)
        default: throw notUTF8(String(format: "byte 0x%02X", byte))
        }
        leadByte = byte
    }

    private func notUTF8(_ detail: String) -> Failure {
        Failure(line: line, message: "not UTF-8 (\(detail)); RDF files must be UTF-8")
    }

    /// Follows strings, IRIs and comments, and refuses NUL escapes outside comments.
    private mutating func scan(_ byte: UInt8) throws {
        if zerosToNUL > 0 {
            if byte == UInt8(ascii: "0") {
                zerosToNUL -= 1
                if zerosToNUL == 0 {
                    throw Failure(line: line, message: "\\u0000 (a NUL character) cannot be stored: raptor and rasqal end strings at NUL")
                }
                return
            }
            zerosToNUL = 0
        }
        if escaped {
            escaped = false
            if byte == UInt8(ascii: "u") { zerosToNUL = 4 } else if byte == UInt8(ascii: "U") { zerosToNUL = 8 }
            return
        }
        let isNewline = byte == 0x0A || byte == 0x0D
        switch lexical {
        case .comment:
            if isNewline { lexical = .code }
        case .code:
            switch byte {
            case UInt8(ascii: "#"): lexical = .comment
            case UInt8(ascii: "<"): lexical = .iri
            case UInt8(ascii: "\""), UInt8(ascii: "'"): lexical = .opening(quote: byte, count: 1)
            case UInt8(ascii: "\\"): escaped = true
            default: break
            }
        case .iri:
            if byte == UInt8(ascii: ">") || isNewline { lexical = .code } else if byte == UInt8(ascii: "\\") { escaped = true }
        case .opening(let quote, let count):
            if byte == quote {
                lexical = count == 2 ? .string(quote: quote, long: true) : .opening(quote: quote, count: 2)
            } else {
                // One quote opened a short string; two were an empty one.
                lexical = count == 1 ? .string(quote: quote, long: false) : .code
                try scan(byte)
            }
        case .string(let quote, let long):
            if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == quote {
                lexical = long ? .closing(quote: quote, count: 1) : .code
            } else if isNewline && !long {
                lexical = .code  // an unterminated string: raptor reports it
            }
        case .closing(let quote, let count):
            if byte == quote {
                lexical = .closing(quote: quote, count: count + 1)
            } else {
                // The last three quotes of a run end the string; fewer are part of it.
                lexical = count >= 3 ? .code : .string(quote: quote, long: true)
                try scan(byte)
            }
        }
    }
}
