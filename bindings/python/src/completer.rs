//! One thread that hands finished async calls back to asyncio, several at a time under one hold
//! of the GIL, instead of a blocking-pool thread per call all queueing for the GIL.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{channel, Sender};

use pyo3::Python;
use ucs_bridge::PerProcess;

/// A finished call's hand-over to asyncio (pyo3-async-runtimes' `set_result` closure).
type Job = Box<dyn FnOnce() + Send>;

/// At most this many hand-overs under one hold of the GIL, so the event loop gets it back.
const BATCH: usize = 64;

/// The completer thread's queue (a forked child starts a thread of its own).
static COMPLETER: PerProcess<Sender<Job>> = PerProcess::new();

/// Queues `job` for the completer thread, starting it if needed. The queue holds one entry per
/// call in flight, which the caller's own awaits bound. If no thread can be started, `job` runs
/// right here, so no awaitable is left unanswered.
pub(crate) fn complete(job: Job) {
    match COMPLETER.get_or_make(start) {
        // The thread keeps the receiver as long as the queue's sender lives in COMPLETER, so a
        // failed send is only a thread that could not go on.
        Ok(queue) => {
            if let Err(returned) = queue.send(job) {
                run(returned.0);
            }
        }
        Err(_) => run(job),
    }
}

fn start() -> std::io::Result<Sender<Job>> {
    let (queue, jobs) = channel::<Job>();
    std::thread::Builder::new()
        .name("ucs-sdk-asyncio".into())
        .spawn(move || {
            while let Ok(first) = jobs.recv() {
                Python::attach(|_| {
                    run(first);
                    for next in jobs.try_iter().take(BATCH - 1) {
                        run(next);
                    }
                });
            }
        })?;
    Ok(queue)
}

/// A hand-over that panics loses only itself: the thread goes on with the next.
fn run(job: Job) {
    let _ = catch_unwind(AssertUnwindSafe(job));
}
