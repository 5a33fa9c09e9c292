import CRedland
import Foundation
import RDFModel
import Redland

/// Parses SPARQL 1.1 Update with rasqal 0.9.33 (language `sparql11-update`) into a
/// `SPARQLUpdateRequest`. The operations, templates and graph names are read from rasqal's
/// `rasqal_update_operation`s; each WHERE clause of DELETE/INSERT … WHERE is cut out of the text
/// before rasqal parses it and kept as written, for the store's query engine to evaluate, and the
/// forms rasqal reads wrongly or not at all are given to it in forms it reads right
/// (`RasqalUpdateText`).
///
/// What rasqal 0.9.33 still cannot read is refused, never run half-understood: a request past its
/// parser's stack (about 3,300 operations, DATA blocks counting one per 1,500 triples, or 4,900
/// predicate-object pairs of one subject), and any text it stops reading early while reporting
/// success (`prepareReadToTheEnd`).
public enum RasqalUpdateParser {
    /// Parses `text` with the rasqal world of `world` (librdf's own, so no world is made per request).
    /// - Throws: `SPARQLSyntaxError` (rasqal's message with its line) when rasqal rejects the text,
    ///   cuts it short, or the request breaks a rule of SPARQL Update that rasqal does not check
    ///   (variables in DATA, blank nodes in DELETE).
    public static func parse(_ text: String, baseIRI: String?, world: RedlandWorld) throws -> SPARQLUpdateRequest {
        guard let rasqal = world.withPointer({ librdf_world_get_rasqal($0) }),
              let raptor = rasqal_world_get_raptor(rasqal) else {
            throw RedlandError("librdf has no rasqal world")
        }
        let base = baseIRI.flatMap { iri in
            iri.withCString { raptor_new_uri(raptor, UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self)) }
        }
        defer { if let base { raptor_free_uri(base) } }
        if let refusal = TokenizedQuery(text).flatMap(CharacterEscapeCheck.refusal) { throw refusal }
        let rasqalText = RasqalUpdateText(text, baseIRI: baseIRI)
        if rasqalText.usesLAQRSForm { throw syntaxError("INSERT/DELETE FROM … is not SPARQL 1.1 Update") }
        let (query, operations) = try prepareReadToTheEnd(rasqalText.text, base: base, rasqal: rasqal)
        defer { rasqal_free_query(query) }
        let reader = RasqalOperationReader(clauses: rasqalText.clauses)
        return SPARQLUpdateRequest(operations: try read(operations, with: reader, joining: rasqalText.mergedWithNext))
    }

    /// The operations as `reader` reads them, each that was split for rasqal made one again
    /// (`RasqalUpdateText.mergedWithNext`): DELETE … INSERT, or the parts of a DATA block.
    private static func read(_ operations: [UnsafeMutablePointer<rasqal_update_operation>], with reader: RasqalOperationReader,
                             joining mergedWithNext: Set<Int>) throws -> [UpdateOperation] {
        var reader = reader, read: [UpdateOperation] = []
        // The templates of the operations being made one, gathered in place: a DATA block cut
        // into thousands of parts is not copied once per part.
        var inserted: [QuadTemplate] = [], deleted: [QuadTemplate] = []
        for (index, operation) in operations.enumerated() {
            let next = try reader.read(operation.pointee)
            switch next {
            case .data(let insert, let delete), .modify(let delete, let insert, _):
                inserted += insert
                deleted += delete
            default:
                break
            }
            if mergedWithNext.contains(index) { continue }
            switch next {
            case .data:
                read.append(.data(insert: inserted, delete: deleted))
            case .modify(_, _, let clause):
                read.append(.modify(delete: deleted, insert: inserted, where: clause))
            default:
                read.append(next)
            }
            (inserted, deleted) = ([], [])
        }
        return read
    }

    /// A prepared rasqal query for `text` (owned by the caller), or the syntax error rasqal logged.
    private static func prepare(_ text: String, base: OpaquePointer?, rasqal: OpaquePointer) throws -> OpaquePointer {
        // Signed numbers after an operand abort rasqal's parser (`NumericSignRewrite`); it refuses
        // escapes in prefixed names (`PrefixedNameRewrite`) and variables named from a digit
        // (`LeadingDigitVariableRewrite`).
        let mentions = SyntaxMentions(of: text)
        var rewritten = text
        if mentions.contains(.escapedLocalName) { rewritten = PrefixedNameRewrite.rewritten(rewritten) ?? rewritten }
        if mentions.contains(.signedNumber) { rewritten = NumericSignRewrite.rewritten(rewritten) ?? rewritten }
        if mentions.contains(.digitVariable) { rewritten = LeadingDigitVariableRewrite.rewritten(rewritten) ?? rewritten }
        let readable = try rewritten.forRasqal()
        guard let query = rasqal_new_query(rasqal, "sparql11-update", nil) else {
            throw RedlandError("rasqal has no SPARQL 1.1 Update parser")
        }
        rasqal_query_set_feature(query, RASQAL_FEATURE_NO_NET, 1)
        // librdf leaves rasqal's messages to rasqal's default handler, which prints them: they are
        // collected for the length of the parse instead.
        let log = RasqalMessageLog()
        rasqal_world_set_log_handler(rasqal, Unmanaged.passUnretained(log).toOpaque()) { userData, message in
            guard let userData, let message else { return }
            Unmanaged<RasqalMessageLog>.fromOpaque(userData).takeUnretainedValue().record(message)
        }
        let rc = withExtendedLifetime(log) {
            readable.withCString { rasqal_query_prepare(query, UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self), base) }
        }
        rasqal_world_set_log_handler(rasqal, nil, nil)
        guard rc == 0 else {
            rasqal_free_query(query)
            var errors = log.messages.filter { $0.level == .error }
            if let refusal = LexicalError.refusal(in: readable, rasqalErrors: errors) { throw refusal }
            if errors.isEmpty { errors = [RedlandMessage(.error, "the update could not be parsed")] }
            if errors.contains(where: { $0.text.contains("memory exhausted") }) {
                // rasqal's parser reads operations and triples recursively, with a bounded stack.
                errors.append(RedlandMessage(.error, "rasqal 0.9.33 reads at most about 3,300 operations in one request "
                                             + "(INSERT DATA and DELETE DATA count one per 1,500 triples: about 3.5 million "
                                             + "triples in all) and about 4,900 predicate-object pairs of one subject: split "
                                             + "the request, or send bulk data with the Graph Store protocol"))
            }
            throw SPARQLSyntaxError(messages: errors)
        }
        return query
    }

    private static func updateOperations(of query: OpaquePointer) -> [UnsafeMutablePointer<rasqal_update_operation>] {
        var operations: [UnsafeMutablePointer<rasqal_update_operation>] = []
        while let operation = rasqal_query_get_update_operation(query, Int32(operations.count)) {
            operations.append(operation)
        }
        return operations
    }

    /// The prepared query of `text` (owned by the caller) and its operations, all of them.
    ///
    /// rasqal 0.9.33 can stop reading and report success, dropping every operation after that
    /// point (it did so at `DROP DEFAULT`, `DROP NAMED` and `DROP ALL`, now given to it as CLEAR).
    /// So a marker operation is appended to the text, which must come back as the last operation,
    /// and is then left out. The text is parsed on its own only when that fails, for rasqal's own
    /// message about it (whose line numbers the marker, coming after, would not change anyway).
    private static func prepareReadToTheEnd(_ text: String, base: OpaquePointer?, rasqal: OpaquePointer) throws
        -> (OpaquePointer, [UnsafeMutablePointer<rasqal_update_operation>]) {
        let marker = "CLEAR SILENT GRAPH <\(endMarker)>"
        // A text that already ends with ';' (or is a prologue alone) takes the marker without another one.
        if let query = (try? prepare(text + "\n;\n" + marker, base: base, rasqal: rasqal))
            ?? (try? prepare(text + "\n" + marker, base: base, rasqal: rasqal)) {
            let read = updateOperations(of: query)
            if let last = read.last?.pointee, last.type == RASQAL_UPDATE_TYPE_CLEAR, let uri = last.graph_uri,
               String(cString: raptor_uri_as_string(uri)) == endMarker {
                return (query, Array(read.dropLast()))
            }
            rasqal_free_query(query)
        }
        let query = try prepare(text, base: base, rasqal: rasqal)
        defer { rasqal_free_query(query) }
        throw syntaxError("rasqal 0.9.33 cannot read this update past operation \(updateOperations(of: query).count): it stops there, "
                          + "and would drop all that follows")
    }

    private static let endMarker = "urn:x-coattkg:end-of-update"

    static func syntaxError(_ text: String) -> SPARQLSyntaxError {
        SPARQLSyntaxError(messages: [RedlandMessage(.error, text)])
    }
}
