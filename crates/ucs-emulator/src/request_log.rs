//! The structured request log: JSON lines to a sink, and the last entries in memory for `/_emulator/log`.

use std::collections::VecDeque;
use std::io::Write;
use std::sync::Mutex;

use serde_json::Value;

use crate::config::RequestLogTarget;
use crate::server::lock;
use crate::EmulatorError;

const KEPT: usize = 1000;

/// Request log entries: method, path, query keys, status, request id, duration, fault, account.
/// Headers and bodies are never logged, so no secret reaches it.
pub(crate) struct RequestLog {
    recent: Mutex<VecDeque<Value>>,
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

    pub fn record(&self, entry: Value) {
        if let Some(sink) = &self.sink {
            let mut sink = lock(sink);
            let _ = writeln!(sink, "{entry}");
        }
        let mut recent = lock(&self.recent);
        if recent.len() == KEPT {
            recent.pop_front();
        }
        recent.push_back(entry);
    }

    pub fn recent(&self) -> Vec<Value> {
        lock(&self.recent).iter().cloned().collect()
    }

    pub fn clear(&self) {
        lock(&self.recent).clear();
    }
}
