import ArgumentParser
import Foundation

/// `--encoder DIR`, defaulting to `$COATT_ENCODER`: a Hugging Face text encoder folder.
struct EncoderOption: ParsableArguments {
    @Option(help: ArgumentHelp("The encoder folder (default: $COATT_ENCODER).", valueName: "DIR"))
    var encoder: String?

    func folder() throws -> String {
        guard let folder = encoder ?? ProcessInfo.processInfo.environment["COATT_ENCODER"] else {
            throw ValidationError("give the encoder folder with --encoder DIR (or set COATT_ENCODER)")
        }
        return folder
    }
}
