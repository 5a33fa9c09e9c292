/// A SPARQL 1.1 property path (§9), its IRIs resolved. rasqal 0.9.33 cannot parse paths, so
/// `QueryRewrite` puts a placeholder predicate in their place and `PropertyPathEvaluator`
/// answers the placeholder's triple patterns from the store.
indirect enum PropertyPath: Hashable, Sendable {
    /// One predicate: the triples that have it.
    case link(String)
    /// `^path`: the path walked backwards.
    case inverse(PropertyPath)
    /// `a / b / …`: each step from where the one before ended.
    case sequence([PropertyPath])
    /// `a | b | …`: the matches of every branch, all kept.
    case alternative([PropertyPath])
    /// `path?`: zero or one step, each pair of nodes once.
    case zeroOrOne(PropertyPath)
    /// `path*`: any number of steps, each pair of nodes once.
    case zeroOrMore(PropertyPath)
    /// `path+`: one step or more, each pair of nodes once.
    case oneOrMore(PropertyPath)
    /// `!(a | ^b …)`: one triple whose predicate is none of `forward`, or, walked backwards, none
    /// of `inverse`. Only the directions the set names are walked.
    case negated(forward: [String], inverse: [String])
}
