import CRedland
import Redland

/// Whether rasqal 0.9.33's SPARQL writer writes a WHERE pattern back faithfully.
///
/// It does not for everything it parses: BIND comes out as LAQRS `LET (?x := …)`, MINUS as a plain
/// group (a join: a silently different answer), a subquery's `(… AS ?x)` without its `?`;
/// STRSTARTS, STRENDS, CONTAINS, STRBEFORE, STRAFTER, STRLANG, STRDT as infix operators, extension
/// functions and casts with their IRI unbracketed, REPLACE without its third argument; BNODE(),
/// UUID() and STRUUID() dereference a missing argument. Such patterns are refused with a message
/// naming the construct, before anything is written or run.
enum RasqalPatternCheck {
    /// Throws `SPARQLSyntaxError` naming the first construct the writer would get wrong.
    static func check(_ pattern: OpaquePointer) throws {
        let op = rasqal_graph_pattern_get_operator(pattern)
        switch op {
        case RASQAL_GRAPH_PATTERN_OPERATOR_LET:
            throw unsupported("BIND")
        case RASQAL_GRAPH_PATTERN_OPERATOR_MINUS:
            throw unsupported("MINUS")
        case RASQAL_GRAPH_PATTERN_OPERATOR_SELECT:
            throw unsupported("a subquery")
        case RASQAL_GRAPH_PATTERN_OPERATOR_FILTER:
            if let expression = rasqal_graph_pattern_get_filter_expression(pattern) { try check(expression) }
        default:
            break
        }
        var index: Int32 = 0
        while let inner = rasqal_graph_pattern_get_sub_graph_pattern(pattern, index) {
            try check(inner)
            index += 1
        }
    }

    private static func check(_ expression: UnsafeMutablePointer<rasqal_expression>) throws {
        let e = expression.pointee
        let withoutArgument: Set<rasqal_op> = [RASQAL_EXPR_NOW, RASQAL_EXPR_RAND, RASQAL_EXPR_CURRENT_DATETIME]
        guard writable.contains(e.op) || withoutArgument.contains(e.op) else {
            let label = rasqal_expression_op_label(e.op).map { String(cString: $0) } ?? "operator \(e.op.rawValue)"
            throw unsupported(e.op == RASQAL_EXPR_FUNCTION || e.op == RASQAL_EXPR_CAST ? "an extension function or cast" : label.uppercased())
        }
        for argument in [e.arg1, e.arg2, e.arg3, e.arg4].compactMap({ $0 }) { try check(argument) }
        if let args = e.args {
            for index in 0..<raptor_sequence_size(args) {
                if let argument = raptor_sequence_get_at(args, index)?.assumingMemoryBound(to: rasqal_expression.self) {
                    try check(argument)
                }
            }
        }
    }

    /// Expression operators the writer writes as SPARQL (all of them need their arguments).
    private static let writable: Set<rasqal_op> = [
        RASQAL_EXPR_AND, RASQAL_EXPR_OR, RASQAL_EXPR_EQ, RASQAL_EXPR_NEQ, RASQAL_EXPR_LT, RASQAL_EXPR_GT,
        RASQAL_EXPR_LE, RASQAL_EXPR_GE, RASQAL_EXPR_PLUS, RASQAL_EXPR_MINUS, RASQAL_EXPR_STAR, RASQAL_EXPR_SLASH,
        RASQAL_EXPR_BANG, RASQAL_EXPR_UMINUS, RASQAL_EXPR_LITERAL,
        RASQAL_EXPR_BOUND, RASQAL_EXPR_STR, RASQAL_EXPR_LANG, RASQAL_EXPR_DATATYPE, RASQAL_EXPR_ISURI,
        RASQAL_EXPR_ISBLANK, RASQAL_EXPR_ISLITERAL, RASQAL_EXPR_ISNUMERIC, RASQAL_EXPR_SAMETERM,
        RASQAL_EXPR_URI, RASQAL_EXPR_IRI, RASQAL_EXPR_YEAR, RASQAL_EXPR_MONTH, RASQAL_EXPR_DAY,
        RASQAL_EXPR_HOURS, RASQAL_EXPR_MINUTES, RASQAL_EXPR_SECONDS, RASQAL_EXPR_TIMEZONE, RASQAL_EXPR_TZ,
        RASQAL_EXPR_STRLEN, RASQAL_EXPR_UCASE, RASQAL_EXPR_LCASE, RASQAL_EXPR_ENCODE_FOR_URI,
        RASQAL_EXPR_ABS, RASQAL_EXPR_ROUND, RASQAL_EXPR_CEIL, RASQAL_EXPR_FLOOR,
        RASQAL_EXPR_MD5, RASQAL_EXPR_SHA1, RASQAL_EXPR_SHA224, RASQAL_EXPR_SHA256, RASQAL_EXPR_SHA384, RASQAL_EXPR_SHA512,
        RASQAL_EXPR_LANGMATCHES, RASQAL_EXPR_REGEX, RASQAL_EXPR_IF, RASQAL_EXPR_SUBSTR,
        RASQAL_EXPR_COALESCE, RASQAL_EXPR_CONCAT, RASQAL_EXPR_IN, RASQAL_EXPR_NOT_IN,
    ]

    private static func unsupported(_ construct: String) -> SPARQLSyntaxError {
        SPARQLSyntaxError(messages: [RedlandMessage(.error,
            "\(construct) is not supported in the WHERE of an update: rasqal 0.9.33 cannot pass it on to the query engine intact")])
    }
}
