import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import RDFModel

/// Reads the SPARQL Query Results XML Format into a `QueryOutcome`.
public enum XMLResultsReader {
    /// Parses an XML results document (a SELECT or an ASK result).
    ///
    /// Elements are matched by local name, so a missing or different namespace prefix is tolerated.
    public static func read(_ data: Data) throws -> QueryOutcome {
        let parser = XMLParser(data: data)
        let handler = ResultsXMLHandler()
        parser.delegate = handler
        guard parser.parse() else {
            let underlying = handler.failure ?? parser.parserError.map { "\($0.localizedDescription)" } ?? "unknown error"
            throw ResultsParseError("invalid XML results (line \(parser.lineNumber)): \(underlying)")
        }
        if let failure = handler.failure { throw ResultsParseError(failure) }
        // FoundationXML on Linux reports success for a document cut off mid-way.
        guard handler.complete else { throw ResultsParseError("XML results end before </sparql>") }
        if let boolean = handler.boolean { return .boolean(boolean) }
        let variables = handler.variables
        return .solutions(SolutionTable(variables: variables, rows: handler.solutions.map { s in variables.map { s[$0] } }))
    }
}

/// Collects variables, solutions or the boolean while `XMLParser` walks the document.
private final class ResultsXMLHandler: NSObject, XMLParserDelegate {
    var variables: [String] = []
    var solutions: [[String: RDFTerm]] = []
    var boolean: Bool?
    var failure: String?
    /// Whether the root element was closed.
    var complete = false

    private var bindingName: String?
    private var termElement: String?
    private var termAttributes: [String: String] = [:]
    private var text = ""

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        switch localName(elementName) {
        case "variable":
            if let name = attributeDict["name"] { variables.append(name) }
        case "result":
            solutions.append([:])
        case "binding":
            bindingName = attributeDict["name"]
        case "uri", "bnode", "literal", "boolean":
            termElement = localName(elementName)
            termAttributes = attributeDict
            text = ""
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if termElement != nil { text += string }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        if termElement != nil { text += String(decoding: CDATABlock, as: UTF8.self) }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        let name = localName(elementName)
        guard name == termElement else {
            if name == "binding" { bindingName = nil }
            if name == "sparql" { complete = true }
            return
        }
        termElement = nil
        if name == "boolean" {
            boolean = text.trimmingCharacters(in: .whitespacesAndNewlines) == "true"
            return
        }
        guard let bindingName, !solutions.isEmpty else {
            fail(parser, "<\(name)> outside a <binding>")
            return
        }
        let term: RDFTerm
        switch name {
        case "uri": term = .iri(text)
        case "bnode": term = .blank(text)
        default: term = .literal(text, language: termAttributes["xml:lang"], datatype: termAttributes["datatype"])
        }
        solutions[solutions.count - 1][bindingName] = term
        if !variables.contains(bindingName) { variables.append(bindingName) }
    }

    private func fail(_ parser: XMLParser, _ message: String) {
        failure = message
        parser.abortParsing()
    }

    private func localName(_ qualified: String) -> String {
        qualified.split(separator: ":").last.map(String.init) ?? qualified
    }
}
