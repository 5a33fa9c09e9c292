import Foundation
import SharedTestPaths
import Tokenizers
import XCTest

/// The inputs these tests read in place.
enum TestFiles {
    static func shared(_ relative: String) throws -> URL { try SharedTestPaths.shared(relative) }

    /// The tokenizer of the real all-MiniLM-L6-v2 folder; skips when absent.
    static func miniLMTokenizer() throws -> WordPieceTokenizer {
        try WordPieceTokenizer(modelFolder: try SharedTestPaths.miniLMFolder())
    }
}
