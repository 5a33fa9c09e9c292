import Tensors

/// What the linker knows about KG entities: their labels and aliases (for candidate lookup), degree
/// (for the prior), DBpedia classes (for type agreement) and TransE vector row (for coherence).
///
/// Labels are kept once per distinct ``SurfaceNormalization`` form, so an exact lookup is one
/// normalisation and one hash lookup (microseconds); near-misses go through a ``TrigramIndex``
/// over the same forms.
public struct EntityIndex: Sendable {
    /// One KG entity.
    public struct Entity: Sendable {
        /// The entity's IRI.
        public let iri: String
        /// The number of KG facts the entity is subject or object of.
        public let degree: Int
        /// Its DBpedia classes, closed under `rdfs:subClassOf`.
        public let classes: Set<String>
        /// Its row in ``EntityIndex/vectors``; `nil` when the KG model has no vector for it.
        public let vectorRow: Int?

        public init(iri: String, degree: Int, classes: Set<String>, vectorRow: Int?) {
            self.iri = iri
            self.degree = degree
            self.classes = classes
            self.vectorRow = vectorRow
        }
    }

    /// The entities, addressed by position.
    public let entities: [Entity]
    /// TransE entity vectors `[rows, d]`, or `nil` (no coherence).
    public let vectors: Tensor?
    /// The lowest trigram Dice coefficient a fuzzy candidate label needs.
    public let minimumFuzzyDice: Float
    /// The largest degree of any entity (the prior's normaliser).
    public let maximumDegree: Int

    /// Distinct normalised labels, and the entities (ascending) of each.
    private let forms: [String]
    private let entitiesOfForm: [[Int]]
    private let formIDs: [String: Int]
    private let trigrams: TrigramIndex

    /// - Parameters:
    ///   - labels: labels and aliases; `entity` is a position in `entities`. Labels that normalise
    ///     to nothing are skipped.
    ///   - vectors: TransE entity vectors, `[rows, d]`, addressed by ``Entity/vectorRow``.
    ///   - minimumFuzzyDice: see ``minimumFuzzyDice``; 0.5 keeps one-letter typos of short names
    ///     and a surname against a two-word name, and drops most unrelated labels.
    public init(entities: [Entity], labels: [(label: String, entity: Int)], vectors: Tensor?, minimumFuzzyDice: Float = 0.5) {
        self.entities = entities
        self.vectors = vectors
        self.minimumFuzzyDice = minimumFuzzyDice
        maximumDegree = entities.map(\.degree).max() ?? 0
        var formIDs: [String: Int] = [:], forms: [String] = [], entitiesOfForm: [Set<Int>] = []
        for (label, entity) in labels {
            let form = SurfaceNormalization.normalize(label)
            guard !form.isEmpty else { continue }
            if let id = formIDs[form] {
                entitiesOfForm[id].insert(entity)
            } else {
                formIDs[form] = forms.count
                forms.append(form)
                entitiesOfForm.append([entity])
            }
        }
        self.forms = forms
        self.formIDs = formIDs
        self.entitiesOfForm = entitiesOfForm.map { $0.sorted() }
        trigrams = TrigramIndex(forms)
    }

    /// The number of distinct normalised labels.
    public var labelCount: Int { forms.count }

    /// Candidates for a surface form: the entities of its exact normalised label (similarity 1),
    /// then those of fuzzy labels (``LabelSimilarity/fuzzy(_:_:dice:)`` < 1), each entity
    /// once with its best similarity; ordered by similarity, then degree, then position; at most `limit`.
    public func candidates(for surface: String, limit: Int) -> [(entity: Int, similarity: Float)] {
        let form = SurfaceNormalization.normalize(surface)
        guard !form.isEmpty, limit > 0 else { return [] }
        var best: [Int: Float] = [:]
        if let id = formIDs[form] { for entity in entitiesOfForm[id] { best[entity] = 1 } }
        // Fuzzy forms are looked up beyond `limit`: one form may hold several entities, and the
        // final order also weighs degree.
        for hit in trigrams.lookup(form, minimumDice: minimumFuzzyDice, limit: 4 * limit) where forms[hit.id] != form {
            let similarity = LabelSimilarity.fuzzy(form, forms[hit.id], dice: hit.dice)
            for entity in entitiesOfForm[hit.id] where (best[entity] ?? 0) < similarity { best[entity] = similarity }
        }
        let ordered = best.sorted { a, b in
            if a.value != b.value { return a.value > b.value }
            if entities[a.key].degree != entities[b.key].degree { return entities[a.key].degree > entities[b.key].degree }
            return a.key < b.key
        }
        return ordered.prefix(limit).map { (entity: $0.key, similarity: $0.value) }
    }

    /// Only the exact-label candidates of a surface (no fuzzy pass), in position order.
    public func exactCandidates(for surface: String) -> [Int] {
        formIDs[SurfaceNormalization.normalize(surface)].map { entitiesOfForm[$0] } ?? []
    }
}
