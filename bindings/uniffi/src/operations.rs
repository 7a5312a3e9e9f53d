//! The operation table (`ucs_models::for_each_operation!`) as uniffi objects: one object per
//! resource group, handed out by `UcsClient.<group>()`, with one `suspend`/`async` method per
//! operation under its canonical name. Pagers, the federation waiter and the IAM group's methods
//! (whose token is a `Secret`) are written by hand next to their group.

use std::sync::Arc;

use ucs_sdk::models::*;

use crate::error::guarded;
use crate::{Result, UcsClient};

/// Federation kubeconfigs cross as an object whose text form hides the credentials, not as the
/// model record: the table's `Kubeconfig` results mean this here (it shadows the model's name).
type Kubeconfig = Arc<crate::Kubeconfig>;

/// The core's answer as the foreign type of the table's result: itself, except the kubeconfig.
trait IntoForeign<T> {
    fn into_foreign(self) -> T;
}

impl<T> IntoForeign<T> for T {
    fn into_foreign(self) -> T {
        self
    }
}

impl IntoForeign<Kubeconfig> for ucs_sdk::models::Kubeconfig {
    fn into_foreign(self) -> Kubeconfig {
        Arc::new(self.into())
    }
}

/// A body or query passed on by reference, typed by the table.
fn by_ref<T>(value: &T) -> &T {
    value
}

macro_rules! uniffi_groups {
    ($(
        $(#[doc = $group_doc:literal])*
        $group:ident $Group:ident $(pages($pages_query:ident => $item:ident))? {
            $($rows:tt)*
        }
    )*) => {
        $(
            $(#[doc = $group_doc])*
            #[derive(Debug, uniffi::Object)]
            pub struct $Group {
                pub(crate) ops: ucs_sdk::ops::$Group,
            }
        )*

        #[uniffi::export]
        impl UcsClient {
            $(
                $(#[doc = $group_doc])*
                pub fn $group(&self) -> Arc<$Group> {
                    Arc::new($Group { ops: self.inner.$group() })
                }
            )*
        }

        $( uniffi_group!($group $Group { $($rows)* }); )*
    };
}

macro_rules! uniffi_group {
    // The IAM group hands out the token as a `Secret`: iam.rs.
    (iam $($rest:tt)*) => {};
    ($group:ident $Group:ident {
        $(
            $(#[doc = $doc:literal])*
            $official:ident $name:ident ( $($id:ident),* ) $method:ident $path:literal
                $(body($body:ty))? $(query($query:ty))? -> $result:ty;
        )*
    }) => {
        #[uniffi::export(async_runtime = "tokio")]
        impl $Group {
            $(
                $(#[doc = $doc])*
                pub async fn $name(
                    &self,
                    $($id: String,)*
                    $(body: $body,)?
                    $(query: $query,)?
                ) -> Result<$result> {
                    guarded(async {
                        let answer = self
                            .ops
                            .$name(
                                $(&$id,)*
                                $(by_ref::<$body>(&body),)?
                                $(by_ref::<$query>(&query),)?
                            )
                            .await?;
                        Ok(IntoForeign::into_foreign(answer))
                    })
                    .await
                }
            )*
        }
    };
}

ucs_sdk::for_each_operation!(uniffi_groups);
