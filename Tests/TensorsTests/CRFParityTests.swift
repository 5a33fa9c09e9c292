import Foundation
import Tensors
import XCTest

/// The CRF against pytorch-crf 0.7.2 (`../shared/fixtures/crf`): likelihoods, partition and
/// scores within 1e-4, gradients and marginals within 1e-5, Viterbi paths exact.
final class CRFParityTests: XCTestCase {
    private struct Fixture {
        let tensors: NamedTensors
        let tagNames: [String]
        let crf: CRF
        let emissions: Tensor
        let tags: [Int], mask: [Int]

        init() throws {
            let directory = Fixtures.root.appendingPathComponent("crf")
            let file = directory.appendingPathComponent("crf.safetensors")
            guard FileManager.default.fileExists(atPath: file.path) else {
                throw XCTSkip("fixture crf not found at \(directory.path) (set COATT_SHARED to the shared folder)")
            }
            tensors = try Fixtures.tensors(file)
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("crf.json")))
            tagNames = try XCTUnwrap((json as? [String: Any])?["tags"] as? [String])
            crf = CRF(startTransitions: try tensors.tensor("start_transitions"), endTransitions: try tensors.tensor("end_transitions"),
                      transitions: try tensors.tensor("transitions"))
            emissions = try tensors.tensor("emissions")
            tags = try tensors.tensor("tags").values.map { Int($0) }
            mask = try tensors.tensor("mask").values.map { Int($0) }
        }

        /// Paths stored padded with 0 (`[B, L]`), cut to each sequence's length.
        func paths(_ name: String) throws -> [[Int]] {
            let stored = try tensors.tensor(name)
            let length = stored.shape[1]
            return (0..<stored.shape[0]).map { b in
                (0..<length).filter { mask[b * length + $0] == 1 }.map { Int(stored[b, $0]) }
            }
        }
    }

    /// Asserts `got` is within `tolerance` of the fixture tensor `name` and returns the max-abs difference.
    @discardableResult
    private func compare(_ got: Tensor, _ name: String, _ fixture: Fixture, tolerance: Float,
                         file: StaticString = #filePath, line: UInt = #line) throws -> Float {
        let want = try fixture.tensors.tensor(name)
        XCTAssertEqual(got.shape, want.shape, name, file: file, line: line)
        let difference = got.maxAbsoluteDifference(want)
        XCTAssertLessThanOrEqual(difference, tolerance, "\(name) max-abs \(difference)", file: file, line: line)
        print("crf parity \(name): max-abs \(difference)")
        return difference
    }

    func testLikelihoodPartitionAndScoresMatch() throws {
        let fixture = try Fixture()
        let (crf, e, mask) = (fixture.crf, fixture.emissions, fixture.mask)
        let (logLikelihood, posterior) = crf.logLikelihood(e, tags: fixture.tags, mask: mask)
        try compare(logLikelihood, "log_likelihood", fixture, tolerance: 1e-4)
        try compare(posterior.logPartition, "log_partition", fixture, tolerance: 1e-4)
        try compare(crf.logPartition(e, mask: mask), "log_partition", fixture, tolerance: 1e-4)
        try compare(crf.score(e, tags: fixture.tags, mask: mask), "gold_score", fixture, tolerance: 1e-4)
        try compare(posterior.marginals, "marginals", fixture, tolerance: 1e-5)
    }

    func testGradientsMatch() throws {
        let fixture = try Fixture()
        let crf = fixture.crf
        let (logLikelihood, posterior) = crf.logLikelihood(fixture.emissions, tags: fixture.tags, mask: fixture.mask)
        var gradients = crf.zeroGradients()
        let dEmissions = crf.logLikelihoodBackward(Tensor(shape: logLikelihood.shape, repeating: 1), tags: fixture.tags,
                                                   mask: fixture.mask, posterior: posterior, gradients: &gradients)
        try compare(dEmissions, "grad.emissions", fixture, tolerance: 1e-5)
        for parameter in crf.parameters {
            try compare(gradients[keyPath: parameter.path], "grad.\(parameter.name)", fixture, tolerance: 1e-5)
        }
    }

    func testViterbiMatches() throws {
        let fixture = try Fixture()
        let (paths, scores) = fixture.crf.decode(fixture.emissions, mask: fixture.mask)
        XCTAssertEqual(paths, try fixture.paths("viterbi.paths"))
        try compare(scores, "viterbi.scores", fixture, tolerance: 1e-4)
    }

    func testBIOConstraintsMatchAndChangeTheDecoding() throws {
        let fixture = try Fixture()
        let constraints = CRF.Constraints.bio(tags: fixture.tagNames)
        XCTAssertEqual(constraints.allowed, try fixture.tensors.tensor("bio_allowed").values.map { $0 == 1 })
        XCTAssertEqual(constraints.startAllowed, try fixture.tensors.tensor("bio_start_allowed").values.map { $0 == 1 })
        var constrained = fixture.crf
        constrained.constraints = constraints
        let (paths, scores) = constrained.decode(fixture.emissions, mask: fixture.mask)
        let expected = try fixture.paths("viterbi_bio.paths")
        XCTAssertEqual(paths, expected)
        XCTAssertNotEqual(expected, try fixture.paths("viterbi.paths"), "the fixture's unconstrained paths break BIO")
        XCTAssertTrue(paths.allSatisfy(constraints.permits))
        XCTAssertFalse(try fixture.paths("viterbi.paths").allSatisfy(constraints.permits))
        try compare(scores, "viterbi_bio.scores", fixture, tolerance: 1e-4)
    }
}
