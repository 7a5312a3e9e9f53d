//! The core's `tracing` events sent to Python's `logging` (logger `ucs_sdk`). The core never puts
//! a secret in an event; the level is set from Python so disabled levels cost one atomic load.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::Once;

use pyo3::prelude::*;
use tracing::field::{Field, Visit};
use tracing::{Event, Level, Metadata, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::util::SubscriberInitExt;

/// Python's level number below which events are dropped (`logging.WARNING` until told).
static MIN_LEVEL: AtomicI32 = AtomicI32::new(30);
static INSTALL: Once = Once::new();

fn python_level(level: &Level) -> i32 {
    match *level {
        Level::ERROR => 40,
        Level::WARN => 30,
        Level::INFO => 20,
        Level::DEBUG => 10,
        Level::TRACE => 5,
    }
}

/// Sets the lowest level forwarded (Python's numbers: 10 debug, 20 info, 30 warning).
#[pyfunction]
pub(crate) fn set_log_level(py: Python<'_>, level: i32) -> PyResult<()> {
    crate::errors::guard(py, || {
        MIN_LEVEL.store(level, Ordering::Relaxed);
        // Another extension may own the global subscriber; then our events go there instead.
        INSTALL.call_once(|| {
            let _ = tracing_subscriber::registry()
                .with(PythonLogging)
                .try_init();
        });
        Ok(())
    })
}

struct PythonLogging;

/// `message key=value ...` from an event's fields.
#[derive(Default)]
struct Line {
    message: String,
    fields: String,
}

impl Visit for Line {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            let _ = write!(self.message, "{value:?}");
        } else {
            let _ = write!(self.fields, " {}={value:?}", field.name());
        }
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "message" {
            self.message.push_str(value);
        } else {
            let _ = write!(self.fields, " {}={value}", field.name());
        }
    }
}

impl<S: Subscriber> Layer<S> for PythonLogging {
    fn enabled(&self, metadata: &Metadata<'_>, _ctx: Context<'_, S>) -> bool {
        metadata.target().starts_with("ucs_")
            && python_level(metadata.level()) >= MIN_LEVEL.load(Ordering::Relaxed)
    }

    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        let mut line = Line::default();
        event.record(&mut line);
        let level = python_level(event.metadata().level());
        let text = format!("{}{}", line.message, line.fields);
        Python::attach(|py| {
            let logged = py
                .import("logging")
                .and_then(|logging| logging.call_method1("getLogger", ("ucs_sdk",)))
                .and_then(|logger| logger.call_method1("log", (level, text)));
            // A failing handler must not break the call that logged.
            if let Err(e) = logged {
                e.print(py);
            }
        });
    }
}
