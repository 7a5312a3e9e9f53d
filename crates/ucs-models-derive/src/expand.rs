//! The generated `Deserialize` impl: a field identifier matched as `&str`, a map visitor that
//! reads known values straight from the input, and unknown keys inserted into the flatten map.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Data, DeriveInput, Fields, Result};

use crate::attrs::{self, FieldDefault};

/// One named field that is decoded by key (not the flatten map).
struct Known<'a> {
    ident: &'a syn::Ident,
    ty: &'a syn::Type,
    /// The name serde reports (rename, or rename_all applied, or the field's own name).
    name: String,
    /// Every key that decodes into this field: `name` first, then the aliases.
    keys: Vec<String>,
    attrs: attrs::FieldAttrs,
}

pub fn expand(input: &DeriveInput) -> Result<TokenStream> {
    let ident = &input.ident;
    if !input.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(
            &input.generics,
            "TolerantDeserialize: generic structs are not supported",
        ));
    }
    let fields = match &input.data {
        Data::Struct(s) => match &s.fields {
            Fields::Named(named) => &named.named,
            _ => return Err(error(input, "TolerantDeserialize needs named fields")),
        },
        _ => return Err(error(input, "TolerantDeserialize derives only for structs")),
    };
    let rename_all = attrs::container(&input.attrs)?;

    let mut known = Vec::new();
    let mut flatten: Option<&syn::Field> = None;
    for field in fields {
        let Some(field_ident) = field.ident.as_ref() else {
            continue;
        };
        let attrs = attrs::field(field)?;
        if attrs.flatten {
            if flatten.is_some() {
                return Err(syn::Error::new_spanned(
                    field,
                    "TolerantDeserialize: at most one flatten field",
                ));
            }
            flatten = Some(field);
            continue;
        }
        let own = field_ident.to_string();
        let own = own.strip_prefix("r#").unwrap_or(&own).to_owned();
        let name = match (&attrs.rename, rename_all) {
            (Some(rename), _) => rename.clone(),
            (None, Some(rule)) => rule.apply(&own),
            (None, None) => own,
        };
        let mut keys = vec![name.clone()];
        keys.extend(attrs.aliases.iter().cloned());
        known.push(Known {
            ident: field_ident,
            ty: &field.ty,
            name,
            keys,
            attrs,
        });
    }

    let variants: Vec<_> = (0..known.len())
        .map(|i| format_ident!("__f{}", i))
        .collect();
    let slots: Vec<_> = (0..known.len())
        .map(|i| format_ident!("__v{}", i))
        .collect();
    let key_arms = known.iter().zip(&variants).map(|(k, v)| {
        let keys = &k.keys;
        quote! { #(#keys)|* => ::core::option::Option::Some(__Field::#v) }
    });
    let slot_decls = known.iter().zip(&slots).map(|(k, s)| {
        let ty = k.ty;
        quote! { let mut #s: ::core::option::Option<#ty> = ::core::option::Option::None; }
    });
    let mut wrappers = Vec::new();
    let value_arms = known.iter().enumerate().map(|(i, k)| {
        let (v, s, name) = (&variants[i], &slots[i], &k.name);
        let read = match &k.attrs.deserialize_with {
            Some(path) => {
                let wrapper = format_ident!("__With{}", i);
                let ty = k.ty;
                wrappers.push(quote! {
                    struct #wrapper(#ty);
                    impl<'de> ::serde::Deserialize<'de> for #wrapper {
                        fn deserialize<__D2>(__d: __D2) -> ::core::result::Result<Self, __D2::Error>
                        where
                            __D2: ::serde::Deserializer<'de>,
                        {
                            #path(__d).map(#wrapper)
                        }
                    }
                });
                quote! { __map.next_value::<#wrapper>()?.0 }
            }
            None => {
                let ty = k.ty;
                quote! { __map.next_value::<#ty>()? }
            }
        };
        quote! {
            __Field::#v => {
                if #s.is_some() {
                    return ::core::result::Result::Err(
                        <__A::Error as ::serde::de::Error>::duplicate_field(#name),
                    );
                }
                #s = ::core::option::Option::Some(#read);
            }
        }
    });
    let value_arms: Vec<_> = value_arms.collect();
    let inits = known.iter().zip(&slots).map(|(k, s)| {
        let (field_ident, name) = (k.ident, &k.name);
        let missing = match &k.attrs.default {
            FieldDefault::Trait => quote! { ::core::default::Default::default() },
            FieldDefault::Path(path) => quote! { #path() },
            FieldDefault::None if k.attrs.deserialize_with.is_none() && is_option(k.ty) => {
                quote! { ::core::option::Option::None }
            }
            FieldDefault::None => quote! {
                return ::core::result::Result::Err(
                    <__A::Error as ::serde::de::Error>::missing_field(#name),
                )
            },
        };
        quote! {
            #field_ident: match #s {
                ::core::option::Option::Some(__value) => __value,
                ::core::option::Option::None => #missing,
            }
        }
    });
    let (extra_decl, extra_arm, extra_init) =
        match flatten.and_then(|f| f.ident.as_ref().map(|i| (i, &f.ty))) {
            Some((extra_ident, extra_ty)) => (
                quote! { let mut __extra: #extra_ty = ::core::default::Default::default(); },
                quote! {
                    __Field::__other(__key) => {
                        __extra.insert(__key, __map.next_value()?);
                    }
                },
                quote! { #extra_ident: __extra, },
            ),
            None => (
                quote! {},
                quote! {
                    __Field::__other(_) => {
                        __map.next_value::<::serde::de::IgnoredAny>()?;
                    }
                },
                quote! {},
            ),
        };
    let expecting = format!("struct {ident}");

    Ok(quote! {
        #[automatically_derived]
        impl<'de> ::serde::Deserialize<'de> for #ident {
            fn deserialize<__D>(__deserializer: __D) -> ::core::result::Result<Self, __D::Error>
            where
                __D: ::serde::Deserializer<'de>,
            {
                #[allow(non_camel_case_types)]
                enum __Field {
                    #(#variants,)*
                    __other(::std::string::String),
                }

                impl __Field {
                    #[inline]
                    fn known(key: &str) -> ::core::option::Option<Self> {
                        match key {
                            #(#key_arms,)*
                            _ => ::core::option::Option::None,
                        }
                    }
                }

                struct __FieldVisitor;

                impl<'de> ::serde::de::Visitor<'de> for __FieldVisitor {
                    type Value = __Field;

                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str("field identifier")
                    }

                    fn visit_str<__E>(self, key: &str) -> ::core::result::Result<__Field, __E>
                    where
                        __E: ::serde::de::Error,
                    {
                        ::core::result::Result::Ok(
                            __Field::known(key)
                                .unwrap_or_else(|| __Field::__other(::std::borrow::ToOwned::to_owned(key))),
                        )
                    }

                    fn visit_string<__E>(self, key: ::std::string::String) -> ::core::result::Result<__Field, __E>
                    where
                        __E: ::serde::de::Error,
                    {
                        ::core::result::Result::Ok(match __Field::known(&key) {
                            ::core::option::Option::Some(field) => field,
                            ::core::option::Option::None => __Field::__other(key),
                        })
                    }

                    fn visit_bytes<__E>(self, key: &[u8]) -> ::core::result::Result<__Field, __E>
                    where
                        __E: ::serde::de::Error,
                    {
                        match ::core::str::from_utf8(key) {
                            ::core::result::Result::Ok(key) => self.visit_str(key),
                            ::core::result::Result::Err(_) => ::core::result::Result::Err(
                                ::serde::de::Error::invalid_value(::serde::de::Unexpected::Bytes(key), &self),
                            ),
                        }
                    }
                }

                impl<'de> ::serde::Deserialize<'de> for __Field {
                    #[inline]
                    fn deserialize<__D2>(__d: __D2) -> ::core::result::Result<Self, __D2::Error>
                    where
                        __D2: ::serde::Deserializer<'de>,
                    {
                        __d.deserialize_identifier(__FieldVisitor)
                    }
                }

                #(#wrappers)*

                struct __Visitor;

                impl<'de> ::serde::de::Visitor<'de> for __Visitor {
                    type Value = #ident;

                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(#expecting)
                    }

                    fn visit_map<__A>(self, mut __map: __A) -> ::core::result::Result<#ident, __A::Error>
                    where
                        __A: ::serde::de::MapAccess<'de>,
                    {
                        #(#slot_decls)*
                        #extra_decl
                        while let ::core::option::Option::Some(__key) = __map.next_key::<__Field>()? {
                            match __key {
                                #(#value_arms)*
                                #extra_arm
                            }
                        }
                        ::core::result::Result::Ok(#ident {
                            #(#inits,)*
                            #extra_init
                        })
                    }
                }

                __deserializer.deserialize_map(__Visitor)
            }
        }
    })
}

/// `Option<...>` by its last path segment, as serde's missing-field rule sees it.
fn is_option(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Path(p) => p.path.segments.last().is_some_and(|s| s.ident == "Option"),
        _ => false,
    }
}

fn error(input: &DeriveInput, message: &str) -> syn::Error {
    syn::Error::new_spanned(&input.ident, message)
}
