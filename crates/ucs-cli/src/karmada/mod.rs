//! `ucs karmada FLEET get|apply|patch|delete`: Kubernetes objects through a fleet's Karmada
//! gateway, with kubectl-like tables, for quick use without kubectl.

mod kinds;
mod objects;

use std::path::{Path, PathBuf};

use chrono::Utc;
use clap::{Args, Subcommand};
use serde_json::{json, Value};
use ucs_sdk::karmada::{Karmada, ListParams};
use ucs_sdk::{kubeconfig_file, Client};

use crate::output::Printer;
use crate::{CliResult, Failure};
use kinds::{resolve, segment, Resolved};
use objects::{locate, objects_of, read_objects, table};

/// Shown under every karmada subcommand's help.
const KINDS_HELP: &str = "KIND: deployments (deploy), propagationpolicies (pp), \
clusterpropagationpolicies (cpp), overridepolicies (op), clusteroverridepolicies (cop), \
namespaces (ns), services (svc), configmaps (cm), secrets, resourcebindings (rb), \
clusterresourcebindings (crb); --uri reaches anything else.";

#[derive(Debug, Args)]
pub(crate) struct KarmadaArgs {
    /// Fleet name (the gateway's host name is derived from it).
    fleet: String,
    /// Kubeconfig file whose context gives the bearer token and default namespace.
    #[arg(long, global = true, value_name = "PATH", help_heading = "Karmada")]
    kubeconfig: Option<PathBuf>,
    /// Context of that file (default: ucs-FLEET when present, else its current-context).
    #[arg(long, global = true, value_name = "NAME", help_heading = "Karmada")]
    context: Option<String>,
    #[command(subcommand)]
    cmd: KarmadaCmd,
}

/// What a command acts on: a KIND (and NAME) in a namespace, or a raw URI.
#[derive(Debug, Args)]
struct Target {
    /// Kind of object (see below); not with --uri.
    #[arg(required_unless_present = "uri")]
    kind: Option<String>,
    /// Object name; without it, every object of the kind.
    name: Option<String>,
    /// Namespace (default: the context's, else `default`).
    #[arg(long, short = 'n', value_name = "NS")]
    namespace: Option<String>,
    /// A request URI relative to the gateway instead of KIND and NAME, e.g.
    /// apis/apps/v1/namespaces/default/deployments/web.
    #[arg(long, conflicts_with_all = ["kind", "name", "namespace"])]
    uri: Option<String>,
}

#[derive(Debug, Subcommand)]
enum KarmadaCmd {
    /// Show one object or list a kind, with label and field selectors.
    #[command(
        after_help = format!("Examples:\n  ucs karmada prod get deployments -n default -l app=web\n  ucs karmada prod get pp web-pp -o yaml\n  ucs karmada prod get --uri apis/cluster.karmada.io/v1alpha1/clusters -o json\n\n{KINDS_HELP}")
    )]
    Get {
        #[command(flatten)]
        target: Target,
        /// Label selector, e.g. `app=web,tier!=db`.
        #[arg(long, short = 'l', value_name = "SELECTOR")]
        selector: Option<String>,
        /// Field selector, e.g. `metadata.name=web`.
        #[arg(long, value_name = "SELECTOR")]
        field_selector: Option<String>,
    },
    /// Create the objects of a file (JSON or YAML, one object, several documents or a List);
    /// one that exists is replaced.
    #[command(
        after_help = format!("Examples:\n  ucs karmada prod apply -f deployment.yaml\n  kubectl create deployment web --image=nginx --dry-run=client -o yaml | ucs karmada prod apply -f -\n\n{KINDS_HELP}")
    )]
    Apply {
        /// The file, or `-` for stdin.
        #[arg(long, short = 'f', value_name = "FILE")]
        file: PathBuf,
        /// Namespace of objects that name none (default: the context's, else `default`).
        #[arg(long, short = 'n', value_name = "NS")]
        namespace: Option<String>,
    },
    /// Change an object with a JSON merge patch.
    #[command(
        after_help = format!("Examples:\n  ucs karmada prod patch deploy web -p '{{\"spec\":{{\"replicas\":3}}}}'\n\n{KINDS_HELP}")
    )]
    Patch {
        #[command(flatten)]
        target: Target,
        /// The merge patch (JSON).
        #[arg(long, short = 'p', value_name = "JSON")]
        patch: String,
    },
    /// Delete an object, or every object of a kind that a selector (or --all) picks.
    #[command(
        after_help = format!("Examples:\n  ucs karmada prod delete deploy web\n  ucs karmada prod delete pp -l app=web\n\n{KINDS_HELP}")
    )]
    Delete {
        #[command(flatten)]
        target: Target,
        /// Delete the objects this label selector picks.
        #[arg(long, short = 'l', value_name = "SELECTOR", conflicts_with = "all")]
        selector: Option<String>,
        /// Delete every object of the kind in the namespace.
        #[arg(long)]
        all: bool,
    },
}

/// The bearer token and default namespace: from `--kubeconfig` (its context), `--token`, the
/// context `ucs-FLEET` of the default kubeconfig file, or the IAM token of the credentials.
async fn connect(
    client: &Client,
    iam_token: Option<&str>,
    args: &KarmadaArgs,
) -> CliResult<(Karmada, String)> {
    let ours = format!("ucs-{}", args.fleet);
    let from_file = |path: &Path, explicit: bool| -> CliResult<Option<(String, Option<String>)>> {
        let context = match &args.context {
            Some(c) => Some(c.clone()),
            None => {
                // Only the fleet's own context is taken from a file nobody named.
                let has_ours = kubeconfig_file::load_context(path, Some(&ours)).is_ok();
                match (has_ours, explicit) {
                    (true, _) => Some(ours.clone()),
                    (false, true) => None,
                    (false, false) => return Ok(None),
                }
            }
        };
        let info = match kubeconfig_file::load_context(path, context.as_deref()) {
            Ok(info) => info,
            Err(_) if !explicit && !path.exists() => return Ok(None),
            Err(e) => return Err(Failure::Invalid(e.to_string())),
        };
        let token = info.token.ok_or_else(|| {
            Failure::Invalid(format!(
                "context {:?} of {} has no bearer token (user.token)",
                info.context_name,
                path.display()
            ))
        })?;
        Ok(Some((token.expose().to_owned(), info.namespace)))
    };
    let found = match (&args.kubeconfig, iam_token) {
        (Some(path), _) => from_file(path, true)?,
        (None, Some(token)) => Some((token.to_owned(), None)),
        (None, None) => match kubeconfig_file::default_path() {
            Ok(path) => from_file(&path, args.context.is_some())?,
            Err(_) => None,
        },
    };
    let (token, namespace) = match found {
        Some(found) => found,
        None => (client.iam().token().await?.expose().to_owned(), None),
    };
    let karmada = client.karmada(&args.fleet, token)?;
    Ok((karmada, namespace.unwrap_or_else(|| "default".to_owned())))
}

fn lines(out: &Printer, lines: &[String], results: Vec<Value>) -> CliResult {
    if out.for_people() && !out.has_query() {
        return crate::write_stdout(
            lines
                .iter()
                .map(|l| format!("{l}\n"))
                .collect::<String>()
                .as_bytes(),
        );
    }
    match <[Value; 1]>::try_from(results) {
        Ok([one]) => out.print(&one),
        Err(many) => out.print(&json!({"kind": "List", "apiVersion": "v1", "items": many})),
    }
}

/// The names of the objects of `resolved`'s collection that `selector` picks.
async fn names(
    karmada: &Karmada,
    resolved: &Resolved,
    selector: Option<&str>,
) -> CliResult<Vec<String>> {
    let params = ListParams {
        label_selector: selector.map(str::to_owned),
        ..ListParams::default()
    };
    let list = karmada.list(&resolved.collection, &params).await?;
    Ok(objects_of(&list)
        .iter()
        .filter_map(|o| {
            o.pointer("/metadata/name")
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
        .collect())
}

pub(crate) async fn run(
    client: &Client,
    iam_token: Option<&str>,
    out: &Printer,
    args: KarmadaArgs,
) -> CliResult {
    let (karmada, default_ns) = connect(client, iam_token, &args).await?;
    match args.cmd {
        KarmadaCmd::Get {
            target,
            selector,
            field_selector,
        } => {
            let resolved = resolve(&target, &default_ns)?;
            let answer = match &resolved.name {
                Some(_) => karmada.get(&resolved.uri()).await?,
                None => {
                    let params = ListParams {
                        label_selector: selector,
                        field_selector,
                        ..ListParams::default()
                    };
                    karmada.list(&resolved.uri(), &params).await?
                }
            };
            if !out.for_people() || out.has_query() {
                return out.print(&answer);
            }
            let objects = objects_of(&answer);
            if objects.is_empty() {
                let place = if resolved.namespaced && target.uri.is_none() {
                    format!(
                        " in {default_ns} namespace",
                        default_ns = target.namespace.as_deref().unwrap_or(&default_ns)
                    )
                } else {
                    String::new()
                };
                eprintln!("No resources found{place}.");
                return Ok(());
            }
            crate::write_stdout(table(&objects, Utc::now()).as_bytes())
        }
        KarmadaCmd::Apply { file, namespace } => {
            let ns_flag = namespace
                .as_deref()
                .map(|n| segment("--namespace", n))
                .transpose()?;
            let objects = read_objects(&file)?;
            let mut done = Vec::new();
            let mut results = Vec::new();
            for object in objects {
                let at = locate(&karmada, &object, ns_flag, &default_ns).await?;
                let name = at.name.clone().unwrap_or_default();
                // Created, or (it exists) replaced at the live resourceVersion: the core's apply.
                let applied = karmada.apply(&at.collection, &object).await?;
                let verb = if applied.created {
                    "created"
                } else {
                    "configured"
                };
                done.push(format!("{}/{name} {verb}", at.label));
                results.push(applied.object);
            }
            lines(out, &done, results)
        }
        KarmadaCmd::Patch { target, patch } => {
            let resolved = resolve(&target, &default_ns)?;
            if resolved.name.is_none() && target.uri.is_none() {
                return Err(Failure::Invalid(
                    "invalid argument `NAME`: patch needs the object's name".into(),
                ));
            }
            let body: Value = serde_json::from_str(&patch).map_err(|e| {
                Failure::Invalid(format!("invalid argument `--patch`: not JSON: {e}"))
            })?;
            if !body.is_object() {
                return Err(Failure::Invalid(
                    "invalid argument `--patch`: must be a JSON object".into(),
                ));
            }
            let patched = karmada.patch(&resolved.uri(), &body).await?;
            let name = resolved
                .name
                .as_deref()
                .map(|n| format!("/{n}"))
                .unwrap_or_default();
            lines(
                out,
                &[format!("{}{name} patched", resolved.label)],
                vec![patched],
            )
        }
        KarmadaCmd::Delete {
            target,
            selector,
            all,
        } => {
            let resolved = resolve(&target, &default_ns)?;
            if resolved.name.is_some() || target.uri.is_some() {
                let status = karmada.delete(&resolved.uri()).await?;
                let name = resolved
                    .name
                    .as_deref()
                    .map(|n| format!("/{n}"))
                    .unwrap_or_default();
                return lines(
                    out,
                    &[format!("{}{name} deleted", resolved.label)],
                    vec![status],
                );
            }
            if selector.is_none() && !all {
                return Err(Failure::Invalid(
                    "invalid argument `NAME`: name an object, or pick several with -l SELECTOR or --all".into(),
                ));
            }
            let mut done = Vec::new();
            let mut results = Vec::new();
            for name in names(&karmada, &resolved, selector.as_deref()).await? {
                results.push(karmada.delete(&resolved.item(&name)).await?);
                done.push(format!("{}/{name} deleted", resolved.label));
            }
            if done.is_empty() && out.for_people() {
                eprintln!("No resources found.");
            }
            lines(out, &done, results)
        }
    }
}
