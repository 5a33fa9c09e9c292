import ArgumentParser
import Foundation

/// `--encoder DIR`, defaulting to `$COATT_ENCODER`: a Hugging Face text encoder folder.
struct EncoderOption: ParsableArguments {
    @Option(help: ArgumentHelp("The encoder folder (default: $COATT_ENCODER).", valueName: "DIR"))
    var encoder: String?

    /// The folder, checked to hold a Hugging Face configuration (the weights are checked as they load).
    func folder() throws -> String {
        guard let folder = encoder ?? ProcessInfo.processInfo.environment["COATT_ENCODER"] else {
            throw CommandFailure("give the encoder folder with --encoder DIR (or set COATT_ENCODER)")
        }
        guard FileManager.default.fileExists(atPath: folder + "/config.json") else {
            throw CommandFailure("\(folder) is not an encoder folder: it has no config.json (a Hugging Face folder holds config.json, the vocabulary and model.safetensors)")
        }
        return folder
    }
}
