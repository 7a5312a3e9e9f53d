//! Federation progress: one bar line per sub-job on a terminal, plain lines otherwise.

use std::collections::BTreeMap;
use std::io::IsTerminal;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use ucs_sdk::ProgressEvent;

/// Shows `wait_federation` progress events on stderr.
pub(crate) struct FederationProgress {
    multi: Option<MultiProgress>,
    bars: BTreeMap<String, ProgressBar>,
}

/// Bars only for a person at a terminal; JSON and YAML runs are scripts, whose logs keep lines.
fn draws_bars(for_people: bool, stderr_is_terminal: bool) -> bool {
    for_people && stderr_is_terminal
}

impl FederationProgress {
    /// `for_people`: the output is a table (not JSON or YAML).
    pub fn new(for_people: bool) -> Self {
        let multi = draws_bars(for_people, std::io::stderr().is_terminal())
            .then(|| MultiProgress::with_draw_target(ProgressDrawTarget::stderr()));
        Self {
            multi,
            bars: BTreeMap::new(),
        }
    }

    pub fn update(&mut self, event: &ProgressEvent) {
        let label = if event.is_sub_job {
            format!("  {}", event.job)
        } else {
            event.job.clone()
        };
        let Some(multi) = &self.multi else {
            let reason = if event.reason.is_empty() {
                String::new()
            } else {
                format!(" ({})", event.reason)
            };
            eprintln!("{label}: {}{reason}", event.phase);
            return;
        };
        let bar = self.bars.entry(event.job.clone()).or_insert_with(|| {
            let bar = multi.add(ProgressBar::new_spinner());
            if let Ok(style) = ProgressStyle::with_template("{spinner} {prefix:<28} {msg}") {
                bar.set_style(style);
            }
            bar.set_prefix(label);
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        });
        bar.set_message(event.phase.clone());
        if matches!(
            event.phase.as_str(),
            "Success" | "Failed" | "Succeeded" | "Error"
        ) {
            bar.finish_with_message(event.phase.clone());
        }
    }

    pub fn finish(self) {
        for bar in self.bars.values() {
            if !bar.is_finished() {
                bar.finish();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::draws_bars;

    #[test]
    fn bars_only_for_tables_on_a_terminal() {
        assert!(draws_bars(true, true));
        assert!(!draws_bars(false, true), "never bars around JSON or YAML");
        assert!(!draws_bars(true, false), "never bars into a pipe or file");
    }
}
