// A secret (SK, security token, IAM token, password). It crosses to Rust as its text, but its
// `description` never shows it, so records holding one (e.g. `ClientOptions`) print `***`.

public struct Secret: Equatable, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The secret text itself.
    public let value: String

    public init(_ value: String) {
        self.value = value
    }

    public var description: String { "***" }
    public var debugDescription: String { "***" }
}

extension String {
    /// This string as a `Secret`.
    public var asSecret: Secret { Secret(self) }
}
