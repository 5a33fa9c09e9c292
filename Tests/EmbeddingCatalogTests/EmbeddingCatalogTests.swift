import EmbeddingCatalog
import Foundation
import KGEmbeddings
import KGImport
import Redland
import Store
import XCTest

final class EmbeddingCatalogTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("coatt-catalog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// Entities on a line (Q1 at 0, Q2 at 1, Q3 at 3) and one relation P1 = +1, in one dimension.
    private func modelFile() throws -> URL {
        let model = TransEModel(entityCount: 3, relationCount: 1, dimension: 1, norm: .l1,
                                entityEmbeddings: [0, 1, 3], relationEmbeddings: [1])
        let url = folder.appendingPathComponent("m.safetensors")
        try model.save(to: url, entityNames: ["Q1", "Q2", "Q3"], relationNames: ["P1"])
        return url
    }

    func testRegisteredModelsAreDescribedInRDFAndAnswerNearestAndScore() throws {
        let store = try Store(.directory(folder.appendingPathComponent("s.store").path))
        let entry = try EmbeddingCatalog.register(modelFile: try modelFile(), name: "toy", naming: .extract(.codexS),
                                                  trainingData: ["https://w3id.org/coattkg/graph/kg/codex-s/train"],
                                                  validationMRR: 0.5, in: store)
        XCTAssertEqual(try EmbeddingCatalog.models(in: store), [entry])
        let embeddings = try LoadedEmbeddings(file: entry.vectorFile)
        let wd = "http://www.wikidata.org/entity/"
        XCTAssertEqual(try embeddings.nearest(to: wd + "Q1", k: 2).map(\.iri), [wd + "Q2", wd + "Q3"])
        XCTAssertEqual(try embeddings.score(head: wd + "Q1", relation: "http://www.wikidata.org/prop/direct/P1", tail: wd + "Q2"), 0)
        XCTAssertEqual(try embeddings.score(head: wd + "Q1", relation: "http://www.wikidata.org/prop/direct/P1", tail: wd + "Q3"), -2)
        XCTAssertThrowsError(try embeddings.nearest(to: wd + "Q99", k: 1))

        guard case .solutions(let cursor) = try store.query("""
            SELECT ?row WHERE { ?e <https://w3id.org/coattkg/ns#embeddingOf> <\(wd)Q3> ;
                                   <https://w3id.org/coattkg/ns#embeddingModel> <\(entry.iri)> ;
                                   <https://w3id.org/coattkg/ns#vectorIndex> ?row }
            """) else { return XCTFail("expected solutions") }
        XCTAssertEqual(cursor.next()?.first??.value, "2")

        // Registering the same name again replaces the description rather than adding to it.
        try EmbeddingCatalog.register(modelFile: try modelFile(), name: "toy", naming: .extract(.codexS),
                                      trainingData: ["https://w3id.org/coattkg/graph/kg/codex-s/train"], validationMRR: 0.6, in: store)
        XCTAssertEqual(try EmbeddingCatalog.models(in: store).count, 1)
    }

    func testAStoreWithoutADirectoryCannotKeepVectors() throws {
        XCTAssertThrowsError(try EmbeddingCatalog.register(modelFile: try modelFile(), name: "toy", naming: .extract(.codexS),
                                                           trainingData: ["x:y"], validationMRR: 0, in: try Store(.memory)))
    }
}
