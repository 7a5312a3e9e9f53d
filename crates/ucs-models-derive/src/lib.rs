//! `#[derive(TolerantDeserialize)]`: serde's `Deserialize` for structs that keep unknown fields
//! in a `#[serde(flatten)]` map, without flatten's cost.
//!
//! serde's own derive buffers every object of a struct with a flattened field into an
//! intermediate tree before reading its fields. This derive reads the same `#[serde(...)]`
//! attributes (`rename`, `alias`, `default`, `deserialize_with`, `flatten`, container
//! `rename_all`) and generates a map visitor that matches keys as `&str`, reads known values
//! straight from the input and inserts unknown keys into the flattened map. Any other serde
//! attribute is a compile error, so the two derives cannot silently disagree.

mod attrs;
mod case;
mod expand;

use proc_macro::TokenStream;

/// Derives `serde::Deserialize` from the struct's `#[serde(...)]` attributes (see the crate docs).
#[proc_macro_derive(TolerantDeserialize, attributes(serde))]
pub fn derive_tolerant_deserialize(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::expand(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
