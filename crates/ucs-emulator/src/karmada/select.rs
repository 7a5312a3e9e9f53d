//! Label and field selectors of list requests (`labelSelector`, `fieldSelector`).

use serde_json::Value;

/// One requirement of a selector.
#[derive(Debug, PartialEq)]
enum Req {
    Exists(String),
    Absent(String),
    Eq(String, String),
    Ne(String, String),
    In(String, Vec<String>),
    NotIn(String, Vec<String>),
}

/// A parsed selector: every requirement must hold.
#[derive(Debug, Default)]
pub(crate) struct Selector {
    reqs: Vec<Req>,
    /// Field selectors read dotted paths of the object; label selectors read `metadata.labels`.
    fields: bool,
}

/// Splits on commas outside parentheses.
fn split_top(s: &str) -> Vec<&str> {
    let (mut parts, mut depth, mut start) = (Vec::new(), 0usize, 0usize);
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts
}

fn check_key(key: &str, whole: &str) -> Result<String, String> {
    let ok = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'));
    ok.then(|| key.to_owned())
        .ok_or_else(|| format!("invalid selector {whole:?}: bad key {key:?}"))
}

fn set_values(rest: &str, whole: &str) -> Result<Vec<String>, String> {
    let inner = rest
        .trim()
        .strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .ok_or_else(|| format!("invalid selector {whole:?}: a set needs parentheses"))?;
    Ok(inner
        .split(',')
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .collect())
}

impl Selector {
    /// Parses a label selector (`a=b,c!=d,e in (x,y),f notin (z),g,!h`).
    pub(crate) fn labels(s: &str) -> Result<Self, String> {
        Self::parse(s, false)
    }

    /// Parses a field selector (`metadata.name=x,metadata.namespace!=y`).
    pub(crate) fn fields(s: &str) -> Result<Self, String> {
        Self::parse(s, true)
    }

    fn parse(s: &str, fields: bool) -> Result<Self, String> {
        let mut reqs = Vec::new();
        for part in split_top(s).into_iter().map(str::trim) {
            if part.is_empty() {
                continue;
            }
            let req = if let Some((k, v)) = part.split_once("!=") {
                Req::Ne(check_key(k.trim(), s)?, v.trim().to_owned())
            } else if let Some((k, v)) = part.split_once("==").or_else(|| part.split_once('=')) {
                Req::Eq(check_key(k.trim(), s)?, v.trim().to_owned())
            } else if fields {
                return Err(format!(
                    "invalid field selector {s:?}: {part:?} is not key=value"
                ));
            } else if let Some((k, rest)) = part.split_once(" notin ") {
                Req::NotIn(check_key(k.trim(), s)?, set_values(rest, s)?)
            } else if let Some((k, rest)) = part.split_once(" in ") {
                Req::In(check_key(k.trim(), s)?, set_values(rest, s)?)
            } else if let Some(k) = part.strip_prefix('!') {
                Req::Absent(check_key(k.trim(), s)?)
            } else {
                Req::Exists(check_key(part, s)?)
            };
            reqs.push(req);
        }
        Ok(Self { reqs, fields })
    }

    fn value<'a>(&self, object: &'a Value, key: &str) -> Option<&'a str> {
        if self.fields {
            key.split('.')
                .try_fold(object, |v, seg| v.get(seg))
                .and_then(Value::as_str)
        } else {
            object["metadata"]["labels"]
                .get(key)
                .and_then(Value::as_str)
        }
    }

    /// Whether `object` satisfies every requirement.
    pub(crate) fn matches(&self, object: &Value) -> bool {
        self.reqs.iter().all(|req| match req {
            Req::Exists(k) => self.value(object, k).is_some(),
            Req::Absent(k) => self.value(object, k).is_none(),
            Req::Eq(k, v) => self.value(object, k) == Some(v.as_str()),
            // A field without a value differs from any value, as on the API server.
            Req::Ne(k, v) => self.value(object, k) != Some(v.as_str()),
            Req::In(k, vs) => self
                .value(object, k)
                .is_some_and(|x| vs.iter().any(|v| v == x)),
            Req::NotIn(k, vs) => self
                .value(object, k)
                .is_none_or(|x| vs.iter().all(|v| v != x)),
        })
    }

    /// Matches a Kubernetes-style `matchLabels` / `matchExpressions` label selector object.
    pub(crate) fn matches_object_selector(selector: &Value, labels: &Value) -> bool {
        let label = |k: &str| labels.get(k).and_then(Value::as_str);
        let by_labels = selector["matchLabels"]
            .as_object()
            .into_iter()
            .flatten()
            .all(|(k, v)| label(k) == v.as_str());
        let by_expressions = selector["matchExpressions"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|e| {
                let key = e["key"].as_str().unwrap_or_default();
                let values: Vec<&str> = e["values"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                match e["operator"].as_str() {
                    Some("In") => label(key).is_some_and(|x| values.contains(&x)),
                    Some("NotIn") => label(key).is_none_or(|x| !values.contains(&x)),
                    Some("Exists") => label(key).is_some(),
                    Some("DoesNotExist") => label(key).is_none(),
                    _ => false,
                }
            });
        by_labels && by_expressions
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn label_selectors_of_every_operator() {
        let o = json!({"metadata": {"name": "n", "labels": {"app": "x", "tier": "web"}}});
        for (sel, want) in [
            ("app=x", true),
            ("app==x,tier=web", true),
            ("app!=x", false),
            ("app in (y, x)", true),
            ("tier notin (web)", false),
            ("app", true),
            ("!app", false),
            ("!missing", true),
            ("", true),
        ] {
            assert_eq!(Selector::labels(sel).expect(sel).matches(&o), want, "{sel}");
        }
        assert!(Selector::labels("a in x").is_err());
        assert!(Selector::labels("b@d=1").is_err());
    }

    #[test]
    fn field_selectors_read_dotted_paths() {
        let o = json!({"metadata": {"name": "n", "namespace": "default"}});
        assert!(
            Selector::fields("metadata.name=n,metadata.namespace==default")
                .expect("parsed")
                .matches(&o)
        );
        assert!(!Selector::fields("metadata.name!=n")
            .expect("parsed")
            .matches(&o));
        assert!(Selector::fields("metadata.name").is_err());
    }
}
