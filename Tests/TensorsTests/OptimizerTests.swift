import Tensors
import XCTest

/// Four named tensors standing in for a model: an encoder layer (weight, bias, LayerNorm weight)
/// and a new classifier.
private struct Toy: ParameterGroup {
    var denseWeight = Tensor(zeros: [2, 3]), denseBias = Tensor(zeros: [2]), normWeight = Tensor(zeros: [2])
    var classifier = Tensor(zeros: [3, 2])

    var parameters: [NamedParameter<Toy>] {
        [("encoder.layer.0.dense.weight", \.denseWeight), ("encoder.layer.0.dense.bias", \.denseBias),
         ("encoder.layer.0.LayerNorm.weight", \.normWeight), ("classifier.weight", \.classifier)]
    }

    init(_ values: [String: [Float]]) {
        for parameter in parameters {
            let shape = self[keyPath: parameter.path].shape
            self[keyPath: parameter.path] = Tensor(shape: shape, values: values[parameter.name]!)
        }
    }
}

/// Adam/AdamW, clipping and the schedule against torch (`scripts/make_optimizer_fixtures.py`)
/// and against values worked out by hand.
final class OptimizerTests: XCTestCase {
    /// Max-abs difference of every parameter from `expected`, asserted within `tolerance`.
    private func assertParameters(_ model: Toy, equal expected: [String: [Float]], tolerance: Float,
                                  file: StaticString = #filePath, line: UInt = #line) {
        let reference = Toy(expected)
        let difference = model.parameters.map { model[keyPath: $0.path].maxAbsoluteDifference(reference[keyPath: $0.path]) }.max()!
        print("optimizer parity: max-abs \(difference)")
        XCTAssertLessThanOrEqual(difference, tolerance, file: file, line: line)
    }

    func testAdamWWithGroupsClippingAndScheduleMatchesTorch() {
        var model = Toy(TorchReference.initial)
        var optimizer = Adam(for: model, learningRate: 0.1, groups: [.prefixed(["encoder."], learningRate: 0.05)],
                             hyperparameters: .init(weightDecay: 0.1),
                             schedule: .linearWarmupThenDecay(warmupSteps: 2, totalSteps: 5))
        for (step, values) in TorchReference.gradients.enumerated() {
            var gradients = Toy(values)
            let norm = gradients.clipGlobalNorm(maxNorm: 1)
            XCTAssertEqual(norm, TorchReference.adamWClipNorms[step], accuracy: 1e-5)
            XCTAssertEqual(gradients.globalNorm, 1, accuracy: 1e-5)
            optimizer.step(&model, gradients: gradients)
        }
        XCTAssertEqual(optimizer.stepCount, 4)
        assertParameters(model, equal: TorchReference.adamWAfter, tolerance: 1e-6)
    }

    func testAdamWithCoupledWeightDecayMatchesTorch() {
        var model = Toy(TorchReference.initial)
        var optimizer = Adam(for: model, learningRate: 0.01,
                             hyperparameters: .init(beta1: 0.8, beta2: 0.99, epsilon: 1e-6, weightDecay: 0.1, weightDecayStyle: .coupled),
                             excludedFromWeightDecay: { _ in false })
        for values in TorchReference.gradients { optimizer.step(&model, gradients: Toy(values)) }
        assertParameters(model, equal: TorchReference.adamAfter, tolerance: 1e-6)
    }

    /// The first bias-corrected step is m̂/(√v̂ + ε) = g/(|g| + ε): every entry moves by the
    /// learning rate against its gradient's sign, after decoupled decay shrinks it by 1 − lr·λ.
    func testFirstAdamWStepByHand() {
        let start = Toy(TorchReference.initial), gradients = Toy(TorchReference.gradients[0])
        var model = start
        var optimizer = Adam(for: model, learningRate: 0.1, hyperparameters: .init(weightDecay: 0.5))
        optimizer.step(&model, gradients: gradients)
        for parameter in model.parameters {
            let decay: Float = Adam<Toy>.excludedFromWeightDecayByDefault(parameter.name) ? 1 : 1 - 0.1 * 0.5
            for (index, p) in model[keyPath: parameter.path].values.enumerated() {
                let (p0, g) = (start[keyPath: parameter.path].values[index], gradients[keyPath: parameter.path].values[index])
                XCTAssertEqual(p, p0 * decay - 0.1 * g / (abs(g) + 1e-8), accuracy: 1e-6, parameter.name)
            }
        }
    }

    func testLearningRatesFollowGroupsAndSchedule() {
        let model = Toy(TorchReference.initial)
        var optimizer = Adam(for: model, learningRate: 1e-3, groups: [.prefixed(["encoder."], learningRate: 5e-5)],
                             schedule: .linearWarmupThenDecay(warmupSteps: 2, totalSteps: 4))
        XCTAssertEqual(optimizer.learningRate(of: "encoder.layer.0.dense.weight"), 0, "warm-up starts at 0")
        var copy = model
        optimizer.step(&copy, gradients: model.zeroGradients())
        XCTAssertEqual(optimizer.learningRate(of: "encoder.layer.0.dense.weight")!, 2.5e-5, accuracy: 1e-12)
        XCTAssertEqual(optimizer.learningRate(of: "classifier.weight")!, 5e-4, accuracy: 1e-12)
        XCTAssertNil(optimizer.learningRate(of: "pooler.weight"))
    }

    func testLinearWarmupThenDecay() {
        let schedule = LearningRateSchedule.linearWarmupThenDecay(warmupSteps: 2, totalSteps: 5)
        let expected = [0, 0.5, 1, 2.0 / 3, 1.0 / 3, 0, 0]
        for (step, value) in expected.enumerated() {
            XCTAssertEqual(schedule.multiplier(afterSteps: step), value, accuracy: 1e-12, "step \(step)")
        }
        XCTAssertEqual(LearningRateSchedule.linearWarmupThenDecay(warmupSteps: 0, totalSteps: 4).multiplier(afterSteps: 0), 1)
        XCTAssertEqual(LearningRateSchedule.constant.multiplier(afterSteps: 100), 1)
    }

    func testClippingByGlobalNorm() {
        // Norm √(3² + 4²) = 5 across two tensors.
        var gradients = Toy(["encoder.layer.0.dense.weight": [3, 0, 0, 0, 0, 0], "encoder.layer.0.dense.bias": [0, 4],
                             "encoder.layer.0.LayerNorm.weight": [0, 0], "classifier.weight": [0, 0, 0, 0, 0, 0]])
        let unclipped = gradients
        XCTAssertEqual(gradients.clipGlobalNorm(maxNorm: 10), 5)
        XCTAssertEqual(gradients.denseWeight, unclipped.denseWeight, "below the limit nothing changes")
        XCTAssertEqual(gradients.clipGlobalNorm(maxNorm: 1), 5)
        XCTAssertEqual(gradients.denseWeight[0, 0], 3 / (5 + 1e-6), accuracy: 1e-7)
        XCTAssertEqual(gradients.denseBias[1], 4 / (5 + 1e-6), accuracy: 1e-7)
        var zero = unclipped.zeroGradients()
        XCTAssertEqual(zero.clipGlobalNorm(maxNorm: 1), 0)
        var broken = unclipped
        broken.classifier[0, 0] = .nan
        XCTAssertTrue(broken.clipGlobalNorm(maxNorm: 1).isNaN)
        XCTAssertEqual(broken.denseBias, unclipped.denseBias, "a non-finite norm leaves the gradients for the caller to skip")
    }

    func testDefaultWeightDecayExclusions() {
        let excluded = Adam<Toy>.excludedFromWeightDecayByDefault
        for name in ["encoder.layer.0.attention.self.query.bias", "embeddings.LayerNorm.weight", "pre_layrnorm.weight",
                     "encoder.albert_layer_groups.0.albert_layers.0.full_layer_layer_norm.weight",
                     "encoder.layers.1.layer_norm1.weight", "post_layernorm.bias", "bias"] {
            XCTAssertTrue(excluded(name), name)
        }
        for name in ["encoder.layer.0.attention.self.query.weight", "embeddings.word_embeddings.weight",
                     "crf.transitions", "classifier.weight"] {
            XCTAssertFalse(excluded(name), name)
        }
    }
}

/// torch 2.15 values from `scripts/make_optimizer_fixtures.py`: AdamW (β 0.9/0.999, ε 1e-8,
/// encoder lr 0.05 and classifier lr 0.1, λ 0.1 except the bias and LayerNorm weight, clipping at
/// norm 1, warm-up 2 of 5 steps) and Adam (lr 0.01, β 0.8/0.99, ε 1e-6, coupled λ 0.1 on all),
/// four steps each.
private enum TorchReference {
    static let initial: [String: [Float]] = [
            "encoder.layer.0.dense.weight": [0.0461304634809494, 0.4024028182029724, -1.0115290880203247, 0.2167382389307022, -0.612273097038269, 0.5036107301712036],
            "encoder.layer.0.dense.bias": [0.23096680641174316, 0.6930773258209229],
            "encoder.layer.0.LayerNorm.weight": [-0.26686057448387146, 2.1784658432006836],
            "classifier.weight": [0.10213729739189148, -0.2590096890926361, -0.15490040183067322, -1.3705888986587524, -0.13192042708396912, 0.8848397731781006],
        ]
    static let gradients: [[String: [Float]]] = [
        [
            "encoder.layer.0.dense.weight": [-0.5221536159515381, 1.2208341360092163, -0.019684642553329468, -2.8946807384490967, -0.40779855847358704, 1.7475067377090454],
            "encoder.layer.0.dense.bias": [-1.3632218837738037, 1.267738699913025],
            "encoder.layer.0.LayerNorm.weight": [0.3844045400619507, 0.18364445865154266],
            "classifier.weight": [-1.7249884605407715, 0.319181352853775, 1.6368263959884644, -1.529783010482788, 1.608335256576538, -0.2766382098197937],
        ],
        [
            "encoder.layer.0.dense.weight": [0.6391347646713257, -2.0374557971954346, -2.6294915676116943, 5.0455451011657715, 0.9001856446266174, 0.5418455004692078],
            "encoder.layer.0.dense.bias": [-1.6174368858337402, -0.04339917004108429],
            "encoder.layer.0.LayerNorm.weight": [-2.0826127529144287, 0.1404918134212494],
            "classifier.weight": [1.1593095064163208, -0.11982081085443497, 0.3631271421909332, -1.3593517541885376, -0.5134497284889221, -3.6377756595611572],
        ],
        [
            "encoder.layer.0.dense.weight": [0.4221775531768799, 0.6743131279945374, 1.3276084661483765, 2.079364776611328, 3.6867246627807617, 1.3176008462905884],
            "encoder.layer.0.dense.bias": [-0.4698343276977539, -0.06122724711894989],
            "encoder.layer.0.LayerNorm.weight": [3.4923501014709473, -0.14437003433704376],
            "classifier.weight": [-3.3587725162506104, -3.4019196033477783, 1.2972337007522583, 3.5306503772735596, 2.162311553955078, 2.4872641563415527],
        ],
        [
            "encoder.layer.0.dense.weight": [1.7941251993179321, -0.1567007601261139, 1.1096370220184326, -0.16897372901439667, 1.1806519031524658, -2.0063514709472656],
            "encoder.layer.0.dense.bias": [-3.5746302604675293, 0.10759445279836655],
            "encoder.layer.0.LayerNorm.weight": [1.6491612195968628, -1.1445642709732056],
            "classifier.weight": [-0.9752795100212097, 0.3887617886066437, -2.096175193786621, -0.14817112684249878, -0.689874529838562, -3.089334487915039],
        ],
    ]
    static let adamWClipNorms: [Float] = [5.269717216491699, 7.864190578460693, 9.07490348815918, 6.502316474914551]
    static let adamWAfter: [String: [Float]] = [
            "encoder.layer.0.dense.weight": [0.017959492281079292, 0.3980652689933777, -0.9696027636528015, 0.1913854479789734, -0.6690521240234375, 0.4321897029876709],
            "encoder.layer.0.dense.bias": [0.3269682824611664, 0.6378493309020996],
            "encoder.layer.0.LayerNorm.weight": [-0.28310665488243103, 2.1496975421905518],
            "classifier.weight": [0.2203180342912674, -0.19500082731246948, -0.27556559443473816, -1.2920383214950562, -0.24914659559726715, 0.9621362686157227],
        ]
    static let adamAfter: [String: [Float]] = [
            "encoder.layer.0.dense.weight": [0.04165348783135414, 0.39640527963638306, -0.9913724660873413, 0.21442924439907074, -0.6210465431213379, 0.47510281205177307],
            "encoder.layer.0.dense.bias": [0.2687736749649048, 0.6674692630767822],
            "encoder.layer.0.LayerNorm.weight": [-0.27864086627960205, 2.153226375579834],
            "classifier.weight": [0.1255009025335312, -0.25969555974006653, -0.18142446875572205, -1.3536664247512817, -0.15615855157375336, 0.9078167676925659],
        ]
}
