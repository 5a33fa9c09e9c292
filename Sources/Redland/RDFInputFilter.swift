import Foundation

/// Checks and prepares the bytes of an RDF document on their way to raptor, which reads whatever
/// it is given and turns several kinds of bad input into silently missing data:
///
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

    private let stripsComments: Bool
    private let maxLineBytes: Int?

    private var line = 1
    private var lineBytes = 0
    private var lexical = Lexical.code
    private var escaped = false

    init(format: RDFFormat, maxLineBytes: Int) {
        let lineBased = format == .ntriples || format == .nquads
        stripsComments = lineBased
        self.maxLineBytes = lineBased ? maxLineBytes : nil
    }

    /// The bytes of `chunk` that raptor should read. Throws `Failure` for input it must not see.
    mutating func filter(_ chunk: Data) throws -> Data {
        let input = chunk
        var kept: [UInt8] = []
        if stripsComments { kept.reserveCapacity(input.count) }
        try input.withUnsafeBytes { bytes in
            for byte in bytes {
                if byte == 0x0A {
                    line += 1
                    lineBytes = 0
                } else if let maxLineBytes {
                    lineBytes += 1
                    if lineBytes > maxLineBytes {
                        throw Failure(line: line, message: "line longer than \(maxLineBytes) bytes; an N-Triples line is one statement")
                    }
                }
                if stripsComments {
                    scan(byte)
                    if !isInComment { kept.append(byte) }
                }
            }
        }
        return stripsComments ? Data(kept) : input
    }

    private var isInComment: Bool { if case .comment = lexical { true } else { false } }

    /// Follows strings, IRIs and comments.
    private mutating func scan(_ byte: UInt8) {
        if escaped {
            escaped = false
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
                scan(byte)
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
                scan(byte)
            }
        }
    }
}
