/// A results document that could not be read.
public struct ResultsParseError: Error, Equatable, CustomStringConvertible {
    /// What was wrong, for people.
    public var message: String

    /// Creates an error with a message for people.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
