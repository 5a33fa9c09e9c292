import Foundation
import RDFModel

/// Collects the query-evaluation tests of a suite by walking its manifests.
struct ManifestLoader {
    /// Test types the runner evaluates: plain query evaluation, query evaluation whose expected
    /// results are CSV (`mf:CSVResultFormatTest`, compared by CSV text), and update evaluation.
    static let evaluationTypes = ["QueryEvaluationTest", "CSVResultFormatTest", "UpdateEvaluationTest"].map { TestVocabulary.mf + $0 }

    let suiteRoot: URL
    let rapper: Rapper

    /// The tests listed in `manifests` and, through `mf:include`, in the manifests they include,
    /// each manifest read once, in manifest order.
    func tests(from manifests: [URL]) throws -> [ConformanceTest] {
        var visited: Set<URL> = []
        var tests: [ConformanceTest] = []
        var pending = manifests.reversed().map(\.standardizedFileURL)
        while let manifest = pending.popLast() {
            guard visited.insert(manifest).inserted else { continue }
            let graph = ManifestGraph(try rapper.quads(of: manifest))
            let nodes = graph.subjects(ofType: TestVocabulary.mf + "Manifest")
            let includes = nodes.flatMap { graph.objects($0, TestVocabulary.mf + "include") }.flatMap(graph.list).compactMap(\.fileURL)
            pending.append(contentsOf: includes.reversed().map(\.standardizedFileURL))
            for entry in nodes.flatMap({ graph.objects($0, TestVocabulary.mf + "entries") }).flatMap(graph.list) {
                let types = graph.objects(entry, Vocabulary.rdfType)
                guard Self.evaluationTypes.contains(where: { types.contains(.iri($0)) }) else { continue }
                tests.append(try test(entry, in: graph, manifest: manifest))
            }
        }
        let duplicates = Dictionary(grouping: tests, by: \.id).filter { $0.value.count > 1 }.keys
        guard duplicates.isEmpty else { throw ConformanceError("duplicate test ids: \(duplicates.sorted())") }
        return tests
    }

    private func test(_ entry: RDFTerm, in graph: ManifestGraph, manifest: URL) throws -> ConformanceTest {
        let folder = relativePath(of: manifest.deletingLastPathComponent())
        let name = graph.object(entry, TestVocabulary.mf + "name")?.value ?? entry.value
        let localName = entry.isIRI ? entry.value.localName : name
        let id = folder.isEmpty ? localName : "\(folder)/\(localName)"
        let isUpdate = graph.objects(entry, Vocabulary.rdfType).contains(.iri(TestVocabulary.mf + "UpdateEvaluationTest"))
        let vocabulary = isUpdate ? TestVocabulary.ut : TestVocabulary.qt
        guard let action = graph.object(entry, TestVocabulary.mf + "action"),
              let query = graph.object(action, vocabulary + (isUpdate ? "request" : "query"))?.fileURL,
              let result = graph.object(entry, TestVocabulary.mf + "result")
        else { throw ConformanceError("\(id): manifest gives no query or request file, or no mf:result") }
        let expected: Expectation
        if isUpdate {
            expected = .dataset(defaultGraph: graph.objects(result, TestVocabulary.ut + "data").compactMap(\.fileURL),
                                namedGraphs: labelledGraphs(of: result, in: graph))
        } else {
            guard let file = result.fileURL else { throw ConformanceError("\(id): mf:result is no file") }
            expected = .results(file)
        }

        let unsupported = graph.objects(action, TestVocabulary.sd + "entailmentRegime").isEmpty ? nil : "needs an entailment regime"
        let services = graph.objects(action, TestVocabulary.qt + "serviceData").compactMap { entry -> ServiceData? in
            guard let endpoint = graph.object(entry, TestVocabulary.qt + "endpoint"), endpoint.isIRI else { return nil }
            return ServiceData(endpoint: endpoint.value, data: graph.objects(entry, TestVocabulary.qt + "data").compactMap(\.fileURL))
        }
        return ConformanceTest(
            id: id, folder: folder, iri: entry.value, name: name, query: query,
            data: graph.objects(action, vocabulary + "data").compactMap(\.fileURL),
            namedGraphs: isUpdate ? labelledGraphs(of: action, in: graph)
                : graph.objects(action, TestVocabulary.qt + "graphData").compactMap(\.fileURL).map { GraphFile(name: $0.absoluteString, file: $0) },
            serviceData: services,
            expected: expected,
            laxCardinality: graph.object(entry, TestVocabulary.mf + "resultCardinality") == .iri(TestVocabulary.mf + "LaxCardinality"),
            approval: graph.object(entry, TestVocabulary.dawgt + "approval")?.value.localName,
            requirements: graph.objects(entry, TestVocabulary.mf + "requires").map(\.value.localName),
            unsupportedReason: unsupported)
    }

    /// An update test's `ut:graphData [ ut:graph <file> ; rdfs:label "graph IRI" ]` entries.
    private func labelledGraphs(of node: RDFTerm, in graph: ManifestGraph) -> [GraphFile] {
        graph.objects(node, TestVocabulary.ut + "graphData").compactMap { entry in
            guard let file = graph.object(entry, TestVocabulary.ut + "graph")?.fileURL,
                  let label = graph.object(entry, TestVocabulary.rdfsLabel)?.value else { return nil }
            return GraphFile(name: label, file: file)
        }
    }

    private func relativePath(of directory: URL) -> String {
        let root = suiteRoot.standardizedFileURL.path
        let path = directory.standardizedFileURL.path
        guard path.hasPrefix(root) else { return path }
        return path.dropFirst(root.count).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
    }
}

extension RDFTerm {
    /// The local file a `file:` IRI names, or nil for any other term.
    fileprivate var fileURL: URL? {
        guard case .iri(let iri) = self, iri.hasPrefix("file:"), let url = URL(string: iri) else { return nil }
        return url
    }
}

extension String {
    /// The part of an IRI after its last `#` (or, without one, its last `/`).
    fileprivate var localName: String {
        if let hash = lastIndex(of: "#") { return String(self[index(after: hash)...]) }
        return split(separator: "/").last.map(String.init) ?? self
    }
}
