//! Reading a JSON body: its UTF-8 checked once, then parsed as text.

use serde::de::DeserializeOwned;

/// Decodes a JSON body. serde_json's byte reader checks the UTF-8 of each string as it meets it;
/// checking the whole body once (std's validator is fast on ASCII) and parsing it as `str` takes
/// less time on big lists.
pub fn from_json_bytes<T: DeserializeOwned>(body: &[u8]) -> serde_json::Result<T> {
    let text = std::str::from_utf8(body).map_err(|e| {
        <serde_json::Error as serde::de::Error>::custom(format_args!("the body is not UTF-8: {e}"))
    })?;
    serde_json::from_str(text)
}

#[cfg(test)]
mod tests {
    use super::from_json_bytes;
    use serde_json::Value;

    #[test]
    fn decodes_like_serde_json_and_names_bad_utf8() {
        let body = b"{\"a\":[1,\"\\u00e9\",null],\"b\":\"\xc3\xa9\"}";
        let ours: Value = from_json_bytes(body).expect("valid body");
        let theirs: Value = serde_json::from_slice(body).expect("valid body");
        assert_eq!(ours, theirs);
        let err = from_json_bytes::<Value>(b"{\"a\":\"\xff\"}").expect_err("not UTF-8");
        assert!(err.to_string().contains("not UTF-8"), "{err}");
    }
}
