import Foundation
import SafeTensors
import XCTest
@testable import KGEmbeddings

/// Parity with /work/shared/fixtures/transe (scores, losses, gradients, filtered ranks).
final class TransEFixtureTests: XCTestCase {
    static let folder = "/work/shared/fixtures/transe"

    func fixture() throws -> (SafeTensorsFile, [String: Any]) {
        let file = try SafeTensorsFile(path: Self.folder + "/transe.safetensors")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.folder + "/transe.json"))) as! [String: Any]
        return (file, json)
    }

    func triples(_ file: SafeTensorsFile, _ name: String) throws -> [Triple] {
        let v = try file.floats(name)
        return stride(from: 0, to: v.count, by: 3).map { Triple(Int(v[$0]), Int(v[$0 + 1]), Int(v[$0 + 2])) }
    }

    func model(_ file: SafeTensorsFile, _ norm: DistanceNorm) throws -> TransEModel {
        TransEModel(entityCount: 12, relationCount: 3, dimension: 8, norm: norm,
                    entityEmbeddings: try file.floats("entity_embeddings"), relationEmbeddings: try file.floats("relation_embeddings"))
    }

    func assertClose(_ a: [Float], _ b: [Float], _ tol: Float = 1e-5, _ what: String) {
        XCTAssertEqual(a.count, b.count, what)
        for (i, (x, y)) in zip(a, b).enumerated() where Swift.abs(x - y) > tol {
            XCTFail("\(what)[\(i)]: \(x) vs \(y)"); return
        }
    }

    func testScoresMarginLossAndGradients() throws {
        let (file, _) = try fixture()
        let train = try triples(file, "train_triples"), test = try triples(file, "test_triples")
        let negatives = try triples(file, "negative_triples")
        for norm in [DistanceNorm.l1, .l2] {
            let m = try model(file, norm)
            let p = norm.rawValue
            assertClose(train.map(m.score), try file.floats("\(p).train_scores"), 1e-5, "\(p) train scores")
            assertClose(test.map(m.score), try file.floats("\(p).test_scores"), 1e-5, "\(p) test scores")
            assertClose(negatives.map(m.score), try file.floats("\(p).negative_scores"), 1e-5, "\(p) negative scores")
            let batch = NegativeBatch(positives: train, negatives: negatives, perPositive: 1)
            let result = m.lossAndGradients(positives: train, negatives: batch, loss: .marginRanking(margin: 1))
            assertClose(result.perPositive, try file.floats("\(p).margin_loss_per_pair"), 1e-5, "\(p) per pair")
            let perPair = try file.floats("\(p).margin_loss_per_pair")
            XCTAssertEqual(result.loss, perPair.reduce(0, +) / 30, accuracy: 1e-5)
            assertClose(result.entityGradient, try file.floats("\(p).grad_mean_loss.entity_embeddings"), 1e-5, "\(p) entity grad")
            assertClose(result.relationGradient, try file.floats("\(p).grad_mean_loss.relation_embeddings"), 1e-5, "\(p) relation grad")
        }
    }

    func testSelfAdversarialLossAndGradients() throws {
        let (file, json) = try fixture()
        let positives = Array(try triples(file, "train_triples").prefix(6))
        let negatives = try triples(file, "nssa_negative_triples")
        let m = try model(file, .l1)
        let batch = NegativeBatch(positives: positives, negatives: negatives, perPositive: 4)
        let result = m.lossAndGradients(positives: positives, negatives: batch, loss: .selfAdversarial(margin: 9, temperature: 1))
        assertClose(result.perPositive, try file.floats("nssa.loss_per_positive"), 1e-5, "nssa per positive")
        let expected = (json["nssa"] as! [String: Any])["loss_mean"] as! Double
        XCTAssertEqual(Double(result.loss), expected, accuracy: 1e-5)
        assertClose(result.entityGradient, try file.floats("nssa.grad_mean_loss.entity_embeddings"), 1e-5, "nssa entity grad")
        assertClose(result.relationGradient, try file.floats("nssa.grad_mean_loss.relation_embeddings"), 1e-5, "nssa relation grad")
    }

    func testFilteredRanksAndMetrics() throws {
        let (file, json) = try fixture()
        let train = try triples(file, "train_triples"), test = try triples(file, "test_triples")
        let known = KnownTriples(train, test)
        for norm in [DistanceNorm.l1, .l2] {
            let m = try model(file, norm)
            let result = m.evaluate(test, known: known)
            let section = json[norm.rawValue] as! [String: Any]
            let ranks = section["ranks"] as! [[String: Any]]
            XCTAssertEqual(ranks.count, 12)
            for expected in ranks {
                let t = expected["triple"] as! [Int]
                let side = RankSide(rawValue: expected["side"] as! String)!
                let record = try XCTUnwrap(result.records.first { $0.triple == Triple(t[0], t[1], t[2]) && $0.side == side })
                let what = "\(norm) \(t) \(side)"
                XCTAssertEqual(record.better, expected["better"] as! Int, what)
                XCTAssertEqual(record.equal, expected["equal"] as! Int, what)
                XCTAssertEqual(record.rank(.optimistic), (expected["optimistic"] as! NSNumber).doubleValue, what)
                XCTAssertEqual(record.rank(.pessimistic), (expected["pessimistic"] as! NSNumber).doubleValue, what)
                XCTAssertEqual(record.rank(.realistic), (expected["realistic"] as! NSNumber).doubleValue, what)
                XCTAssertEqual(record.rawRank(.optimistic), (expected["raw_optimistic"] as! NSNumber).doubleValue, what)
                XCTAssertEqual(record.rawRank(.pessimistic), (expected["raw_pessimistic"] as! NSNumber).doubleValue, what)
                XCTAssertEqual(record.rawRank(.realistic), (expected["raw_realistic"] as! NSNumber).doubleValue, what)
                XCTAssertEqual(Double(record.targetScore), (expected["target_score"] as! NSNumber).doubleValue, accuracy: 1e-5, what)
            }
            let metrics = section["metrics"] as! [String: [String: [String: Double]]]
            for (kindName, bySide) in metrics {
                let raw = kindName.hasPrefix("raw_")
                let kind = RankKind(rawValue: raw ? String(kindName.dropFirst(4)) : kindName)!
                for (sideName, values) in bySide {
                    let got = result.metrics(kind, side: sideName == "both" ? nil : RankSide(rawValue: sideName)!, raw: raw)
                    let what = "\(norm) \(kindName) \(sideName)"
                    XCTAssertEqual(got.meanRank, values["MR"]!, accuracy: 1e-12, what)
                    XCTAssertEqual(got.meanReciprocalRank, values["MRR"]!, accuracy: 1e-12, what)
                    XCTAssertEqual(got.hitsAt1, values["Hits@1"]!, accuracy: 1e-12, what)
                    XCTAssertEqual(got.hitsAt3, values["Hits@3"]!, accuracy: 1e-12, what)
                    XCTAssertEqual(got.hitsAt10, values["Hits@10"]!, accuracy: 1e-12, what)
                }
            }
        }
    }

    func testSaveLoadRoundTrip() throws {
        let (file, _) = try fixture()
        let m = try model(file, .l2)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kge-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        let names = (0..<12).map { "http://example.org/e\($0)" }
        try m.save(to: url, entityNames: names, relationNames: ["r0", "r1", "r2"])
        let (loaded, entities, relations) = try TransEModel.load(from: url)
        XCTAssertEqual(loaded.entityEmbeddings, m.entityEmbeddings)
        XCTAssertEqual(loaded.relationEmbeddings, m.relationEmbeddings)
        XCTAssertEqual(loaded.norm, .l2)
        XCTAssertEqual(loaded.dimension, 8)
        XCTAssertEqual(entities, names)
        XCTAssertEqual(relations, ["r0", "r1", "r2"])
    }
}
