// swift-tools-version: 6.0
import PackageDescription

/// CoAttKG: social-media posts (text and image) to linked, queryable knowledge.
/// Targets follow the data's path: native bindings → RDF terms → Redland → our SQLite storage
/// → the store facade → SPARQL results → KG import → conformance → the `coatt` tool.
let package = Package(
    name: "CoAttKG",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "coatt", targets: ["coatt"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // Native libraries from Debian, each wrapped by exactly one Swift module below.
        .systemLibrary(name: "CRedland", pkgConfig: "redland",
                       providers: [.apt(["librdf0-dev", "libraptor2-dev", "librasqal3-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CJPEG", pkgConfig: "libjpeg", providers: [.apt(["libjpeg-dev"])]),
        .systemLibrary(name: "CLinux", path: "Sources/CLinux"),
        // SHA-256 blocks with the CPU's SHA extensions (x86-64), for NER's file digests.
        .target(name: "CSHA256"),
        // rasqal 0.9.33's sort maps (DISTINCT, ORDER BY, aggregates of DISTINCT values) and its
        // comparison of GROUP BY keys, replaced: linked in, they take the place of the library's,
        // whose DISTINCT compares each new row with every row kept and whose GROUP BY merges keys
        // of different types.
        .target(name: "CRasqalOverrides", dependencies: ["CRedland"]),

        .target(name: "RDFModel"),
        .target(name: "Redland", dependencies: ["CRedland", "CRasqalOverrides", "RDFModel"]),
        .target(name: "SQLiteStorage", dependencies: ["CSQLite", "CRedland", "CRasqalOverrides", "Redland", "RDFModel", "SPARQLResults"]),
        .target(name: "Store", dependencies: ["Redland", "SQLiteStorage", "RDFModel", "SPARQLResults"]),
        .target(name: "SPARQLResults", dependencies: ["RDFModel"]),
        .target(name: "KGImport", dependencies: ["RDFModel"]),
        .target(name: "SPARQLConformance", dependencies: ["Redland", "RDFModel", "SPARQLResults"]),
        .target(name: "BLAS", dependencies: ["CBLAS"]),
        .target(name: "JPEG", dependencies: ["CJPEG"]),
        .target(name: "SafeTensors"),
        .target(name: "Tokenizers"),
        .target(name: "Tensors", dependencies: ["BLAS"]),
        .target(name: "Images", dependencies: ["JPEG"]),
        .target(name: "Encoders", dependencies: ["Tensors", "SafeTensors", "Tokenizers", "Images"]),
        .target(name: "NER", dependencies: ["Tensors", "Encoders", "Tokenizers", "CSHA256"]),
        .target(name: "KGEmbeddings", dependencies: ["RDFModel", "SafeTensors", "BLAS", "Tensors"]),
        .target(name: "EmbeddingCatalog", dependencies: ["KGEmbeddings", "KGImport", "Store", "Redland", "RDFModel"]),
        .target(name: "EntityLinking", dependencies: ["Tensors"]),
        .target(name: "Annotations", dependencies: ["RDFModel", "EntityLinking"]),
        .target(name: "SPARQLProtocol", dependencies: ["RDFModel"]),
        .target(name: "QueryWorkers", dependencies: ["SPARQLProtocol", "Store", "SQLiteStorage", "SPARQLResults", "Redland", "RDFModel",
                                                     "CLinux"]),
        .target(name: "SPARQLEndpoint", dependencies: [
            "SPARQLProtocol", "QueryWorkers",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            .product(name: "CompressNIO", package: "compress-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .executableTarget(name: "coatt", dependencies: [
            "SPARQLProtocol", "QueryWorkers", "SPARQLEndpoint",
            "Store", "Redland", "RDFModel", "SPARQLResults", "KGImport", "SPARQLConformance", "Encoders", "SafeTensors", "NER", "Tensors", "BLAS", "Images", "KGEmbeddings", "EmbeddingCatalog", "EntityLinking", "Annotations", "CLinux",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .target(name: "SharedTestPaths", path: "Tests/SharedTestPaths"),
        .target(name: "GradientTestSupport", dependencies: ["Tensors"], path: "Tests/GradientTestSupport"),
        .testTarget(name: "RDFModelTests", dependencies: ["RDFModel"]),
        .testTarget(name: "StoreTests", dependencies: ["SharedTestPaths", "Store", "Redland", "SQLiteStorage", "RDFModel", "CRasqalOverrides", "SPARQLResults"]),
        .testTarget(name: "SPARQLResultsTests", dependencies: ["SPARQLResults", "RDFModel"]),
        .testTarget(name: "KGImportTests", dependencies: ["SharedTestPaths", "KGImport", "RDFModel"]),
        .testTarget(name: "CommandLineTests", dependencies: ["SharedTestPaths", "SPARQLConformance", "SPARQLResults", "RDFModel", "Annotations", "EntityLinking"],
                    exclude: ["sparql-expected-failures.txt", "roqet-baseline.txt"]),
        .testTarget(name: "NativeTests", dependencies: ["SharedTestPaths", "BLAS", "JPEG"]),
        .testTarget(name: "SafeTensorsTests", dependencies: ["SharedTestPaths", "SafeTensors"]),
        .testTarget(name: "TokenizersTests", dependencies: ["SharedTestPaths", "Tokenizers"]),
        .testTarget(name: "TensorsTests", dependencies: ["SharedTestPaths", "GradientTestSupport", "Tensors", "SafeTensors", "Encoders"]),
        .testTarget(name: "EncodersTests", dependencies: ["SharedTestPaths", "Encoders", "SafeTensors", "Tensors"]),
        .testTarget(name: "NERTests", dependencies: ["SharedTestPaths", "GradientTestSupport", "NER", "Tensors", "Tokenizers", "Encoders"]),
        .testTarget(name: "KGEmbeddingsTests", dependencies: ["KGEmbeddings", "SafeTensors", "RDFModel", "Tensors"]),
        .testTarget(name: "EmbeddingCatalogTests", dependencies: ["EmbeddingCatalog", "KGEmbeddings", "KGImport", "Store", "Redland", "RDFModel"]),
        .testTarget(name: "SPARQLProtocolTests", dependencies: ["SPARQLProtocol"]),
        .testTarget(name: "QueryWorkersTests", dependencies: ["SharedTestPaths", "QueryWorkers", "SPARQLProtocol", "Store", "RDFModel"]),
        .testTarget(name: "SPARQLEndpointTests", dependencies: ["SharedTestPaths", "SPARQLEndpoint", "SPARQLProtocol", "SPARQLResults", "RDFModel",
                                                             "QueryWorkers"]),
        .testTarget(name: "EndpointClientTests", dependencies: ["SharedTestPaths"], exclude: ["clients"]),
        .testTarget(name: "EntityLinkingTests", dependencies: ["SharedTestPaths", "EntityLinking", "Tensors"]),
        .testTarget(name: "AnnotationsTests", dependencies: ["SharedTestPaths", "Annotations", "EntityLinking", "RDFModel"]),
        .testTarget(name: "ImagesTests", dependencies: ["SharedTestPaths", "Images", "JPEG", "SafeTensors"]),
    ]
)
