// A secret (SK, security token, IAM token, password). It crosses to Rust as its text, but its
// `description` never shows it, so records holding one (e.g. `ClientOptions`) print `***`; its
// mirror hides it too, so `dump()` and reflection show `***`.

public struct Secret: Equatable, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable {
    /// The secret text itself.
    public let value: String

    public init(_ value: String) {
        self.value = value
    }

    public var description: String { "***" }
    public var debugDescription: String { "***" }
    public var customMirror: Mirror { Mirror(self, children: ["value": "***"], displayStyle: .struct) }
}

// Object metadata may carry a kubeconfig or a token in its annotations: `description` (the Rust
// Debug, exported by uniffi) and the mirror (`dump()`) show annotation keys, not their values.
extension ObjectMeta: CustomReflectable {
    public var customMirror: Mirror {
        Mirror(self, children: [
            "uid": uid as Any,
            "name": name as Any,
            "labels": labels as Any,
            "annotations": annotations.map { $0.mapValues { _ in "***" } } as Any,
            "creationTimestamp": creationTimestamp as Any,
            "updateTimestamp": updateTimestamp as Any,
        ], displayStyle: .struct)
    }
}

extension String {
    /// This string as a `Secret`.
    public var asSecret: Secret { Secret(self) }
}
