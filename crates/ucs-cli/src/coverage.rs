//! The CLI against the operation table: `ucs GROUP NAME` (the name in kebab-case) exists for
//! every operation, hand-written or generated (generated.rs), and a generated one runs.

use ucs_sdk::operations::Operation;

/// `ucs GROUP NAME` of every operation that has no subcommand.
fn missing_subcommands() -> Vec<String> {
    let cli = crate::command();
    Operation::ALL
        .iter()
        .map(|op| op.info())
        .map(|info| (info.resource, info.name.replace('_', "-")))
        .filter(|(group, name)| {
            cli.find_subcommand(group)
                .and_then(|g| g.find_subcommand(name))
                .is_none()
        })
        .map(|(group, name)| format!("ucs {group} {name}"))
        .collect()
}

#[test]
fn every_operation_has_a_subcommand() {
    let missing = missing_subcommands();
    assert!(
        missing.is_empty(),
        "operations without a CLI subcommand: {missing:?}"
    );
    assert!(Operation::ALL.len() >= 34);
}

#[test]
fn an_operation_without_a_hand_written_subcommand_is_generated() {
    // Built from a command that lacks `rules delete`: the table adds it back, marked generated.
    let bare = clap::Command::new("ucs").subcommand(clap::Command::new("rules"));
    let cmd = crate::generated::augment(bare);
    let matches = cmd
        .clone()
        .try_get_matches_from(["ucs", "rules", "delete", "rule-1"])
        .map_err(|e| e.to_string());
    let matches = match matches {
        Ok(m) => m,
        Err(e) => panic!("the generated subcommand does not parse: {e}"),
    };
    let found = crate::generated::matched(&cmd, &matches);
    assert_eq!(
        found.as_ref().map(|(op, _)| *op),
        Some(Operation::DeleteRule)
    );
    let id = found.and_then(|(_, m)| m.get_one::<String>("rule_id").cloned());
    assert_eq!(id.as_deref(), Some("rule-1"));
    // Every group of the table is there too, even those the bare command lacked.
    assert!(cmd.find_subcommand("hss").is_some());
}
