//! `Answer`: the typed result of any operation, one enum variant per model, so each binding's
//! serializer is monomorphised for every model instead of going through dynamic dispatch.

use serde::{Serialize, Serializer};
use ucs_sdk::models::*;

macro_rules! answers {
    ($($variant:ident($ty:ty)),* $(,)?) => {
        /// An answer: the typed model, serializable by any binding's serializer (straight into
        /// Python objects, or into JSON text for `JSON.parse`) without an intermediate JSON tree.
        #[derive(Debug)]
        // An answer is moved a few times and then converted; a box per answer buys nothing.
        #[allow(clippy::large_enum_variant)]
        pub enum Answer {
            $(
                #[allow(missing_docs)]
                $variant($ty),
            )*
        }

        impl Serialize for Answer {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    $(Answer::$variant(value) => value.serialize(serializer),)*
                }
            }
        }

        $(
            impl From<$ty> for Answer {
                fn from(value: $ty) -> Self {
                    Answer::$variant(value)
                }
            }
        )*
    };
}

answers!(
    Empty(()),
    Text(String),
    Texts(Vec<String>),
    Cluster(Cluster),
    Clusters(Vec<Cluster>),
    ClusterList(ClusterList),
    Fleet(ClusterGroup),
    FleetList(ClusterGroupList),
    Rule(Rule),
    RuleList(RuleList),
    Created(Created),
    Job(Job),
    SupportedVersions(SupportedVersions),
    Kubeconfig(Kubeconfig),
    FederationConnection(FederationConnection),
    MulticloudClusterCreated(MulticloudClusterCreated),
);
