import Foundation

extension WordPieceTokenizer {
    /// Loads the tokenizer of a Hugging Face model folder: `vocab.txt`, with the settings of
    /// `tokenizer_config.json` (`do_lower_case`, `strip_accents`, `tokenize_chinese_chars`,
    /// special token spellings) and of `tokenizer.json` (its `BertNormalizer` settings and
    /// `max_input_chars_per_word`). `tokenizer_config.json` wins where both speak, since
    /// transformers builds the normaliser from it; absent keys take BERT's defaults (uncased).
    /// The `truncation` and `padding` stored in `tokenizer.json` are not applied: pass
    /// `maxLength` and ``Padding`` explicitly, as transformers' callers do.
    public init(modelFolder: URL) throws(TokenizerError) {
        let vocabulary = try Vocabulary(contentsOf: modelFolder.appendingPathComponent("vocab.txt"))
        let config = try Self.json(modelFolder.appendingPathComponent("tokenizer_config.json"))
        let fast = try Self.json(modelFolder.appendingPathComponent("tokenizer.json"))
        let normalizer = fast["normalizer"] as? [String: Any] ?? [:]
        let model = fast["model"] as? [String: Any] ?? [:]

        let lowercase = config["do_lower_case"] as? Bool ?? normalizer["lowercase"] as? Bool ?? true
        // strip_accents may be present as null, meaning "follow lowercase".
        let stripAccents = config.keys.contains("strip_accents")
            ? config["strip_accents"] as? Bool : normalizer["strip_accents"] as? Bool
        let chinese = config["tokenize_chinese_chars"] as? Bool ?? normalizer["handle_chinese_chars"] as? Bool ?? true
        let defaults = SpecialTokens()
        let special = SpecialTokens(unknown: Self.token(config["unk_token"]) ?? model["unk_token"] as? String ?? defaults.unknown,
                                    classifier: Self.token(config["cls_token"]) ?? defaults.classifier,
                                    separator: Self.token(config["sep_token"]) ?? defaults.separator,
                                    padding: Self.token(config["pad_token"]) ?? defaults.padding,
                                    mask: Self.token(config["mask_token"]) ?? defaults.mask)
        try self.init(vocabulary: vocabulary, lowercase: lowercase, stripAccents: stripAccents,
                      handleChineseChars: chinese,
                      maxInputCharsPerWord: model["max_input_chars_per_word"] as? Int ?? 100,
                      specialTokens: special)
    }

    /// The top-level object of a JSON file; empty when the file does not exist.
    private static func json(_ url: URL) throws(TokenizerError) -> [String: Any] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [:] }
        do {
            guard let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] else {
                throw TokenizerError.invalidConfiguration(path: url.path, reason: "not a JSON object")
            }
            return object
        } catch let error as TokenizerError {
            throw error
        } catch {
            throw .invalidConfiguration(path: url.path, reason: error.localizedDescription)
        }
    }

    /// A special token as written in tokenizer_config.json: a string, or an AddedToken
    /// object `{"content": "[UNK]", …}`.
    private static func token(_ value: Any?) -> String? {
        value as? String ?? (value as? [String: Any])?["content"] as? String
    }
}
