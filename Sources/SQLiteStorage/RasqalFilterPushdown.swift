import CRedland

/// Lets a triple pattern drop the matches a FILTER of its group will certainly reject.
///
/// rasqal 0.9.33 applies a group's FILTERs to the group's whole solutions, after every join: the
/// benchmark's q4 (`?s rdf:type ?t . ?t rdfs:label ?label . FILTER regex(?label, "^political", "i")`)
/// joins 106,680 typed entities with their type's label and then tests 106,680 labels, 14 of
/// 1,505 distinct ones passing. A FILTER of a group holds for each of its solutions, so a value a
/// triple pattern of that group binds can be tested as soon as the pattern binds it: when the
/// FILTER's conjuncts include a `LiteralPrefilter`, a `NumericBound` or a `DateTimeBound` on the
/// pattern's object variable, the triples source skips the matches it rules out. The FILTER still
/// runs; it sees fewer rows.
///
/// Only triples of basic patterns directly in the FILTER's group are tested, and only their
/// object: inside an OPTIONAL, a UNION branch or a sub-group the same variable may be unbound or
/// scoped apart. An OPTIONAL's own FILTER tests its own pattern's matches: such a match failing it
/// joins no left row.
enum RasqalFilterPushdown {
    typealias Triple = UnsafeMutablePointer<rasqal_triple>
    typealias Variable = UnsafeMutablePointer<rasqal_variable>
    typealias Expression = UnsafeMutablePointer<rasqal_expression>

    /// A condition on the value a triple pattern binds to its object variable.
    struct ObjectTest {
        enum Condition {
            case text(LiteralPrefilter)
            case number(NumericBound)
            case dateTime(DateTimeBound)
        }

        let variable: Variable
        let condition: Condition

        /// Whether the FILTER may hold for this value (a term of another kind is left to it).
        func mayHold(for value: UnsafeMutablePointer<rasqal_literal>) -> Bool {
            switch condition {
            case .text(let prefilter): RasqalFilterPushdown.withText(of: value) { prefilter.mayHold(for: $0) } ?? true
            case .number(let bound): NumericBound.value(of: value).map(bound.mayHold) ?? true
            case .dateTime(let bound): bound.mayHold(for: value)
            }
        }
    }

    /// The tests of a prepared query's triple patterns, by triple.
    static func analyse(_ query: OpaquePointer) -> [Triple: [ObjectTest]] {
        var tests: [Triple: [ObjectTest]] = [:]
        visit(rasqal_query_get_query_graph_pattern(query), &tests)
        return tests
    }

    private static func visit(_ pattern: OpaquePointer?, _ tests: inout [Triple: [ObjectTest]]) {
        guard let pattern else { return }
        let members = RasqalGraphPatterns.members(of: pattern)
        if rasqal_graph_pattern_get_operator(pattern) == RASQAL_GRAPH_PATTERN_OPERATOR_GROUP {
            let conditions = members
                .filter { rasqal_graph_pattern_get_operator($0) == RASQAL_GRAPH_PATTERN_OPERATOR_FILTER }
                .compactMap { rasqal_graph_pattern_get_filter_expression($0) }
                .flatMap(conjuncts)
                .compactMap(condition)
            if !conditions.isEmpty {
                for member in members where rasqal_graph_pattern_get_operator(member) == RASQAL_GRAPH_PATTERN_OPERATOR_BASIC {
                    for triple in RasqalGraphPatterns.triples(of: member) {
                        guard let object = triple.pointee.object.flatMap(rasqal_literal_as_variable) else { continue }
                        let applying = conditions.filter { $0.variable == object }
                        if !applying.isEmpty { tests[triple, default: []] += applying }
                    }
                }
            }
        }
        for member in members { visit(member, &tests) }
    }

    /// The operands of a chain of `&&`: each must hold for the FILTER to.
    private static func conjuncts(_ expression: Expression) -> [Expression] {
        guard expression.pointee.op == RASQAL_EXPR_AND, let left = expression.pointee.arg1, let right = expression.pointee.arg2 else {
            return [expression]
        }
        return conjuncts(left) + conjuncts(right)
    }

    /// The test a conjunct puts on one variable, if it is of a form `LiteralPrefilter` reads or a
    /// comparison of it with a numeric or xsd:dateTime constant.
    private static func condition(_ expression: Expression) -> ObjectTest? {
        let e = expression.pointee
        switch e.op {
        case RASQAL_EXPR_REGEX:
            guard let (variable, folded) = e.arg1.flatMap(textOf), let pattern = e.arg2.flatMap(constant) else { return nil }
            var flags: [UInt8] = []
            if let arg3 = e.arg3 {
                guard let given = constant(arg3) else { return nil }
                flags = given
            }
            guard let prefilter = LiteralPrefilter(regex: pattern, flags: flags, folded: folded) else { return nil }
            return ObjectTest(variable: variable, condition: .text(prefilter))
        case RASQAL_EXPR_CONTAINS, RASQAL_EXPR_STRSTARTS, RASQAL_EXPR_STRENDS:
            guard let (variable, folded) = e.arg1.flatMap(textOf), let needle = e.arg2.flatMap(constant) else { return nil }
            let position: LiteralPrefilter.Position = e.op == RASQAL_EXPR_CONTAINS ? .anywhere : e.op == RASQAL_EXPR_STRSTARTS ? .start : .end
            return test(variable, needle, position, folded)
        case RASQAL_EXPR_EQ:
            if let (variable, folded) = e.arg1.flatMap(textOf), let needle = e.arg2.flatMap(constant) {
                return test(variable, needle, .whole, folded)
            }
            if let (variable, folded) = e.arg2.flatMap(textOf), let needle = e.arg1.flatMap(constant) {
                return test(variable, needle, .whole, folded)
            }
            return nil
        case RASQAL_EXPR_LT, RASQAL_EXPR_LE, RASQAL_EXPR_GT, RASQAL_EXPR_GE:
            let below = e.op == RASQAL_EXPR_LT || e.op == RASQAL_EXPR_LE, inclusive = e.op == RASQAL_EXPR_LE || e.op == RASQAL_EXPR_GE
            for (operand, constant, below) in [(e.arg1, e.arg2, below), (e.arg2, e.arg1, !below)] {
                guard let variable = operand.flatMap(variable), let constant, constant.pointee.op == RASQAL_EXPR_LITERAL,
                      let literal = constant.pointee.literal else { continue }
                if let limit = NumericBound.value(of: literal) {
                    return ObjectTest(variable: variable, condition: .number(NumericBound(limit: limit, below: below)))
                }
                if let bound = DateTimeBound(limit: literal, below: below, inclusive: inclusive) {
                    return ObjectTest(variable: variable, condition: .dateTime(bound))
                }
            }
            return nil
        default:
            return nil
        }
    }

    /// The variable an operand is.
    private static func variable(_ expression: Expression) -> Variable? {
        guard expression.pointee.op == RASQAL_EXPR_LITERAL, let literal = expression.pointee.literal else { return nil }
        return rasqal_literal_as_variable(literal)
    }



    private static func test(_ variable: Variable, _ needle: [UInt8], _ position: LiteralPrefilter.Position, _ folded: Bool) -> ObjectTest? {
        // Case is folded here for ASCII letters only: a needle beyond ASCII is left to the FILTER.
        guard !folded || needle.allSatisfy({ $0 < 0x80 }) else { return nil }
        return ObjectTest(variable: variable, condition: .text(LiteralPrefilter(needle: needle, position: position, foldsCase: folded)))
    }

    /// The variable whose text an operand is, through STR, LCASE and UCASE, and whether its case is folded.
    private static func textOf(_ expression: Expression) -> (Variable, folded: Bool)? {
        let e = expression.pointee
        switch e.op {
        case RASQAL_EXPR_LITERAL:
            guard let literal = e.literal, literal.pointee.type == RASQAL_LITERAL_VARIABLE else { return nil }
            return literal.pointee.value.variable.map { ($0, false) }
        case RASQAL_EXPR_STR:
            return e.arg1.flatMap(textOf)
        case RASQAL_EXPR_LCASE, RASQAL_EXPR_UCASE:
            return e.arg1.flatMap(textOf).map { ($0.0, true) }
        default:
            return nil
        }
    }

    /// The bytes of a constant string operand (a simple, language-tagged or xsd:string literal).
    private static func constant(_ expression: Expression) -> [UInt8]? {
        guard expression.pointee.op == RASQAL_EXPR_LITERAL, let literal = expression.pointee.literal else { return nil }
        return RasqalFilterPushdown.text(of: literal)
    }

    /// The text of a string literal (simple, language-tagged or xsd:string); nil for any other term.
    static func text(of literal: UnsafeMutablePointer<rasqal_literal>) -> [UInt8]? {
        withText(of: literal) { Array($0) }
    }

    /// Calls `body` with the bytes of a string literal; nil for any other term.
    static func withText<R>(of literal: UnsafeMutablePointer<rasqal_literal>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        let l = literal.pointee
        guard l.type == RASQAL_LITERAL_STRING || l.type == RASQAL_LITERAL_XSD_STRING, let string = l.string else { return nil }
        return body(UnsafeBufferPointer(start: string, count: Int(l.string_len)))
    }
}
