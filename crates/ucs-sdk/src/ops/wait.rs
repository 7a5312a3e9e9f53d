//! Waiting on a service job: the polling loop `wait_federation` and `wait_job` share.

use std::future::Future;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// How a waiter polls.
#[derive(Debug, Clone, PartialEq)]
pub struct WaitOptions {
    /// Give up after this long.
    pub timeout: Duration,
    /// First delay between two polls.
    pub initial_interval: Duration,
    /// Longest delay between two polls (the delay grows by half each poll).
    pub max_interval: Duration,
}

impl Default for WaitOptions {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(30 * 60),
            initial_interval: Duration::from_millis(250),
            max_interval: Duration::from_secs(10),
        }
    }
}

impl WaitOptions {
    /// The defaults with another timeout (every binding's waiters take only a timeout).
    pub fn with_timeout(timeout: Duration) -> Self {
        Self {
            timeout,
            ..Self::default()
        }
    }
}

/// What one look at the job decided.
pub(crate) enum Polled<T> {
    /// Finished: the waiter's answer.
    Done(T),
    /// Still running, in this status (named in the timeout error).
    Pending(String),
}

/// Fetches the job with `fetch` and lets `judge` decide (it may report progress and fail the
/// wait), until it is done or `options.timeout` passes; the delay between fetches starts at
/// `initial_interval` and grows by half up to `max_interval`. `what` names the wait in the
/// timeout error, given the last status.
pub(crate) async fn poll<J, T, Fut>(
    options: &WaitOptions,
    mut fetch: impl FnMut() -> Fut,
    mut judge: impl FnMut(J) -> Result<Polled<T>>,
    what: impl Fn(&str) -> String,
) -> Result<T>
where
    Fut: Future<Output = Result<J>>,
{
    let started = Instant::now();
    let mut interval = options.initial_interval;
    loop {
        let status = match judge(fetch().await?)? {
            Polled::Done(answer) => return Ok(answer),
            Polled::Pending(status) => status,
        };
        let elapsed = started.elapsed();
        if elapsed >= options.timeout {
            return Err(Error::Timeout {
                what: what(&status),
                elapsed,
            });
        }
        tokio::time::sleep(interval.min(options.timeout - elapsed)).await;
        // Saturating, since `mul_f64` and friends panic on a huge caller-given interval.
        interval = interval
            .saturating_add(interval / 2)
            .min(options.max_interval);
    }
}
