//! A string that never shows itself in Debug, Display or logs.

use std::fmt;

/// A secret value (SK, token, password, kubeconfig). Formatting prints `***`.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct SecretString(String);

impl SecretString {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself; call only where it is sent or used to sign.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the secret is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"***\"")
    }
}

impl fmt::Display for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl From<String> for SecretString {
    fn from(value: String) -> Self {
        Self(value)
    }
}

// Deserialize only: options arrive as JSON from the bindings; a secret is never serialized back.
// A value of the wrong type is refused without echoing it (serde's own message quotes it).
impl<'de> serde::Deserialize<'de> for SecretString {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(SecretVisitor)
    }
}

/// Accepts a string only; every other type is refused with its type name alone.
struct SecretVisitor;

impl SecretVisitor {
    fn refuse<E: serde::de::Error>(got: &str) -> E {
        E::custom(format!(
            "expected a string, got {got} (a secret's value is never shown)"
        ))
    }
}

impl<'de> serde::de::Visitor<'de> for SecretVisitor {
    type Value = SecretString;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(SecretString::new(v))
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(SecretString(v))
    }

    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Err(Self::refuse("a boolean"))
    }

    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Err(Self::refuse("a number"))
    }

    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Err(Self::refuse("a number"))
    }

    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Err(Self::refuse("a number"))
    }

    fn visit_bytes<E: serde::de::Error>(self, _: &[u8]) -> Result<Self::Value, E> {
        Err(Self::refuse("bytes"))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(Self::refuse("a list"))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(Self::refuse("an object"))
    }
}

impl From<&str> for SecretString {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_formats_the_value() {
        let s = SecretString::new("hunter2");
        assert_eq!(format!("{s:?}"), "\"***\"");
        assert_eq!(format!("{s}"), "***");
        assert_eq!(s.expose(), "hunter2");
    }

    #[test]
    fn a_wrong_type_is_refused_without_its_value() {
        for value in [
            serde_json::json!(12345678),
            serde_json::json!(true),
            serde_json::json!(["s3cr3t"]),
            serde_json::json!({"k": "s3cr3t"}),
        ] {
            let Err(e) = serde_json::from_value::<SecretString>(value.clone()) else {
                panic!("{value} was accepted");
            };
            let text = e.to_string();
            assert!(text.contains("expected a string"), "{text}");
            assert!(
                !text.contains("12345678") && !text.contains("s3cr3t"),
                "{text}"
            );
        }
        let ok = serde_json::from_value::<SecretString>(serde_json::json!("hunter2"));
        assert_eq!(
            ok.ok().map(|s| s.expose().to_owned()).as_deref(),
            Some("hunter2")
        );
    }
}
