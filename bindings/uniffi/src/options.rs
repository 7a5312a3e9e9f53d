//! `ClientOptions`: everything a `UcsClient` is built from, as one record with defaults.

use ucs_sdk::{ClientBuilder, SecretString};

use crate::Result;

// Secrets cross as plain strings but are `Secret` objects on the other side, whose
// `toString()`/`description` never show the value (see uniffi.toml).
uniffi::custom_type!(SecretString, String, {
    remote,
    lower: |secret| secret.expose().to_owned(),
    try_lift: |text| Ok(SecretString::new(text)),
});

// Expanded from the bridge's option table, so every public option is a field here, with the
// table's name and type (`verify_tls`: `verifyTls` in Kotlin and Swift) and no default but None.
macro_rules! client_options {
    (
        public { $(
            $(#[doc = $doc:literal])*
            $name:ident : $ty:ty $(as $wire:literal)? $(, python $py:ident in $unit:ident)?;
        )* }
        internal { $($internal:tt)* }
    ) => {
        /// How to reach and authenticate to UCS; every field is optional.
        ///
        /// Credentials, in order of precedence: `token`; `user` + `password` (+ `domainName`);
        /// `ak` + `sk` (+ `securityToken` for temporary credentials).
        #[derive(Debug, Clone, Default, uniffi::Record)]
        pub struct ClientOptions {
            $(
                $(#[doc = $doc])*
                #[uniffi(default)]
                pub $name: Option<$ty>,
            )*
        }

        impl ClientOptions {
            /// The Rust names of the fields, in the table's order.
            #[cfg(test)]
            pub(crate) const FIELDS: &'static [&'static str] = &[$(stringify!($name)),*];

            /// The core builder these options describe (built by the bridge every binding shares).
            pub(crate) fn builder(&self) -> Result<ClientBuilder> {
                let o = self.clone();
                let options = ucs_bridge::Options {
                    $($name: o.$name,)*
                    user_agent: Some("uniffi".to_owned()),
                    ..ucs_bridge::Options::default()
                };
                Ok(options.builder()?)
            }
        }
    };
}

ucs_bridge::for_each_client_option!(client_options);

#[cfg(test)]
mod tests {
    use super::ClientOptions;

    #[test]
    fn every_public_option_of_the_table_is_a_field() {
        // True by construction (one macro table); this says so, against the generators' view.
        let described = ucs_bridge::options_json();
        let public: Vec<String> = described
            .as_array()
            .into_iter()
            .flatten()
            .filter(|row| row["internal"] == false)
            .filter_map(|row| row["uniffi"].as_str().map(str::to_owned))
            .collect();
        let camel: Vec<String> = ClientOptions::FIELDS
            .iter()
            .map(|f| {
                let mut parts = f.split('_');
                let head = parts.next().unwrap_or_default().to_owned();
                parts.fold(head, |acc, p| {
                    let mut cs = p.chars();
                    match cs.next() {
                        Some(c) => acc + &c.to_uppercase().collect::<String>() + cs.as_str(),
                        None => acc,
                    }
                })
            })
            .collect();
        assert_eq!(camel, public);
        assert!(ClientOptions::FIELDS.contains(&"verify_tls"));
    }

    #[test]
    fn options_reach_the_core_builder() {
        let o = ClientOptions {
            max_response_bytes: Some(2048),
            ..ClientOptions::default()
        };
        let builder = o.builder().unwrap_or_else(|e| panic!("builder: {e}"));
        assert_eq!(builder.config().max_response_bytes, 2048);
    }
}
