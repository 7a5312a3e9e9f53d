//! The structured request log: JSON lines to a sink, and the last entries in memory for `/_emulator/log`.

use std::collections::VecDeque;
use std::io::Write;
use std::sync::Mutex;

use serde::Serialize;

use crate::config::RequestLogTarget;
use crate::server::lock;
use crate::EmulatorError;

const KEPT: usize = 1000;

/// One served request. Headers and bodies are never logged, so no secret reaches it. A plain
/// struct rather than a JSON tree, so logging costs a GET little: it is rendered only when read.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Entry {
    /// Wall-clock arrival time, RFC 3339.
    #[serde(serialize_with = "rfc3339")]
    pub time: std::time::SystemTime,
    /// Monotonic arrival time in ms since the first request (soaks measure retry gaps with it).
    pub at_ms: f64,
    pub request_id: String,
    pub method: String,
    pub path: String,
    pub status: u16,
    pub duration_ms: f64,
    pub fault: Option<&'static str>,
    pub account: Option<String>,
}

fn rfc3339<S: serde::Serializer>(time: &std::time::SystemTime, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&chrono::DateTime::<chrono::Utc>::from(*time).to_rfc3339())
}

/// The request log: every entry as a JSON line to the sink (if any), the last entries in memory.
pub(crate) struct RequestLog {
    recent: Mutex<VecDeque<Entry>>,
    sink: Option<Mutex<Box<dyn Write + Send>>>,
}

impl RequestLog {
    pub fn open(target: Option<&RequestLogTarget>) -> Result<Self, EmulatorError> {
        let sink: Option<Box<dyn Write + Send>> = match target {
            None => None,
            Some(RequestLogTarget::Stderr) => Some(Box::new(std::io::stderr())),
            Some(RequestLogTarget::File(path)) => Some(Box::new(
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)
                    .map_err(|e| EmulatorError::Config {
                        field: "request_log",
                        reason: format!("cannot open {}: {e}", path.display()),
                    })?,
            )),
        };
        Ok(Self {
            recent: Mutex::new(VecDeque::with_capacity(KEPT)),
            sink: sink.map(Mutex::new),
        })
    }

    pub fn record(&self, entry: Entry) {
        if let Some(sink) = &self.sink {
            if let Ok(line) = serde_json::to_string(&entry) {
                let mut sink = lock(sink);
                let _ = writeln!(sink, "{line}");
            }
        }
        let mut recent = lock(&self.recent);
        if recent.len() == KEPT {
            recent.pop_front();
        }
        recent.push_back(entry);
    }

    pub fn recent(&self) -> Vec<Entry> {
        lock(&self.recent).iter().cloned().collect()
    }

    pub fn clear(&self) {
        lock(&self.recent).clear();
    }
}
