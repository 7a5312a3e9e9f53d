//! The `#[serde(...)]` attributes this derive reads; any other serde attribute is an error.

use syn::spanned::Spanned;
use syn::{Attribute, Field, LitStr, Result};

use crate::case::RenameAll;

/// What a field's attributes say about decoding it.
pub struct FieldAttrs {
    /// `rename = "..."`.
    pub rename: Option<String>,
    /// Every `alias = "..."`.
    pub aliases: Vec<String>,
    /// `default` or `default = "path"`.
    pub default: FieldDefault,
    /// `deserialize_with = "path"`.
    pub deserialize_with: Option<syn::ExprPath>,
    /// `flatten`: the map that keeps unknown keys.
    pub flatten: bool,
}

/// A field's `default`.
pub enum FieldDefault {
    /// No `default`: a missing field is an error (`None` for an `Option` without a helper).
    None,
    /// `default`: `Default::default()`.
    Trait,
    /// `default = "path"`: `path()`.
    Path(syn::ExprPath),
}

/// The container's `rename_all`, if any.
pub fn container(attrs: &[Attribute]) -> Result<Option<RenameAll>> {
    let mut rename_all = None;
    for attr in serde_attrs(attrs) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename_all") {
                let lit: LitStr = meta.value()?.parse()?;
                rename_all = Some(RenameAll::parse(&lit.value()).ok_or_else(|| {
                    syn::Error::new(lit.span(), "TolerantDeserialize: unknown rename_all rule")
                })?);
                Ok(())
            } else {
                Err(unsupported(&meta.path))
            }
        })?;
    }
    Ok(rename_all)
}

/// A field's decoding attributes.
pub fn field(field: &Field) -> Result<FieldAttrs> {
    let mut out = FieldAttrs {
        rename: None,
        aliases: Vec::new(),
        default: FieldDefault::None,
        deserialize_with: None,
        flatten: false,
    };
    for attr in serde_attrs(&field.attrs) {
        attr.parse_nested_meta(|meta| {
            let path = &meta.path;
            if path.is_ident("rename") {
                out.rename = Some(string(&meta)?);
            } else if path.is_ident("alias") {
                out.aliases.push(string(&meta)?);
            } else if path.is_ident("default") {
                out.default = if meta.input.peek(syn::Token![=]) {
                    FieldDefault::Path(expr_path(&meta)?)
                } else {
                    FieldDefault::Trait
                };
            } else if path.is_ident("deserialize_with") {
                out.deserialize_with = Some(expr_path(&meta)?);
            } else if path.is_ident("flatten") {
                out.flatten = true;
            } else if path.is_ident("skip_serializing_if") {
                // Serialize's business; read and ignore.
                string(&meta)?;
            } else {
                return Err(unsupported(path));
            }
            Ok(())
        })?;
    }
    if out.flatten && (out.rename.is_some() || out.deserialize_with.is_some()) {
        return Err(syn::Error::new(
            field.span(),
            "TolerantDeserialize: a flatten field takes no rename or deserialize_with",
        ));
    }
    Ok(out)
}

fn serde_attrs(attrs: &[Attribute]) -> impl Iterator<Item = &Attribute> {
    attrs.iter().filter(|a| a.path().is_ident("serde"))
}

fn string(meta: &syn::meta::ParseNestedMeta) -> Result<String> {
    // `rename(serialize = ..., deserialize = ...)` has no `=`: unsupported, said so.
    if !meta.input.peek(syn::Token![=]) {
        return Err(unsupported(&meta.path));
    }
    Ok(meta.value()?.parse::<LitStr>()?.value())
}

fn expr_path(meta: &syn::meta::ParseNestedMeta) -> Result<syn::ExprPath> {
    let lit: LitStr = meta.value()?.parse()?;
    lit.parse()
}

fn unsupported(path: &syn::Path) -> syn::Error {
    let name = path
        .get_ident()
        .map_or_else(|| "this attribute".to_owned(), |i| format!("`{i}`"));
    syn::Error::new(
        path.span(),
        format!(
            "TolerantDeserialize does not support serde attribute {name}; \
             use serde's Deserialize derive or extend ucs-models-derive"
        ),
    )
}
