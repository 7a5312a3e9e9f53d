//! One thread that hands finished async calls back to asyncio, several at a time under one hold
//! of the GIL, instead of a blocking-pool thread per call all queueing for the GIL.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{channel, Sender};
use std::sync::Mutex;

use pyo3::Python;

/// A finished call's hand-over to asyncio (pyo3-async-runtimes' `set_result` closure).
type Job = Box<dyn FnOnce() + Send>;

/// At most this many hand-overs under one hold of the GIL, so the event loop gets it back.
const BATCH: usize = 64;

/// The completer of this process (a fork copies no threads, so a child starts its own).
static COMPLETER: Mutex<Option<(u32, Sender<Job>)>> = Mutex::new(None);

/// Queues `job` for the completer thread, starting it if needed. The queue holds one entry per
/// call in flight, which the caller's own awaits bound. If no thread can be started, `job` runs
/// right here, so no awaitable is left unanswered.
pub(crate) fn complete(job: Job) {
    let pid = std::process::id();
    let mut slot = COMPLETER
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let job = match slot.as_ref() {
        Some((owner, queue)) if *owner == pid => match queue.send(job) {
            Ok(()) => return,
            Err(returned) => returned.0,
        },
        _ => job,
    };
    let (queue, jobs) = channel::<Job>();
    let started = std::thread::Builder::new()
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
        });
    match started {
        Ok(_) => {
            // The thread owns the receiver, so this send only fails if it already stopped.
            if let Err(returned) = queue.send(job) {
                run(returned.0);
            }
            *slot = Some((pid, queue));
        }
        Err(_) => {
            drop(slot);
            run(job);
        }
    }
}

/// A hand-over that panics loses only itself: the thread goes on with the next.
fn run(job: Job) {
    let _ = catch_unwind(AssertUnwindSafe(job));
}
