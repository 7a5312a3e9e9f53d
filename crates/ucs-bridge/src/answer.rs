//! `Answer`: the typed result of any operation, one variant per operation of the table (and one
//! per pager item), so each binding's serializer is monomorphised for every model instead of
//! going through dynamic dispatch or an intermediate JSON tree.

use serde::{Serialize, Serializer};
use ucs_sdk::models::*;

macro_rules! answers {
    ($(
        $(#[doc = $group_doc:literal])*
        $group:ident $Group:ident $(pages($pages_query:ident => $item:ident))? {
            $(
                $(#[doc = $doc:literal])*
                $official:ident $name:ident ( $($id:ident),* ) $method:ident $path:literal
                    $(body($body:ty))? $(query($query:ty))? -> $result:ty;
            )*
        }
    )*) => {
        /// An answer: the typed model, serializable by any binding's serializer (straight into
        /// Python objects, or into JSON text for `JSON.parse`).
        #[derive(Debug)]
        // An answer is moved a few times and then converted; a box per answer buys nothing.
        #[allow(clippy::large_enum_variant)]
        pub enum Answer {
            $($(
                $(#[doc = $doc])*
                $official($result),
            )*)*
            $($(
                /// One item of a pager.
                $item($item),
            )?)*
        }

        impl Serialize for Answer {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    $($(Answer::$official(value) => value.serialize(serializer),)*)*
                    $($(Answer::$item(value) => value.serialize(serializer),)?)*
                }
            }
        }
    };
}

ucs_sdk::for_each_operation!(answers);
