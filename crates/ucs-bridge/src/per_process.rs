//! A value that belongs to one process and is made again in a forked child: a fork copies no
//! threads, so a runtime, or the queue of a worker thread, left by the parent is useless there.

use std::sync::Mutex;

/// One value per process, made on first use (see the module comment).
pub struct PerProcess<T>(Mutex<Option<(u32, T)>>);

impl<T: Clone> PerProcess<T> {
    /// An empty slot; the value is made by the first `get_or_make`.
    pub const fn new() -> Self {
        Self(Mutex::new(None))
    }

    /// This process's value, made with `make` on first use and again after a fork. The parent's
    /// value is forgotten, never dropped: dropping it may wait for threads the child does not have.
    pub fn get_or_make<E>(&self, make: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
        let pid = std::process::id();
        let mut slot = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        match slot.take() {
            Some((owner, value)) if owner == pid => {
                *slot = Some((owner, value.clone()));
                return Ok(value);
            }
            Some(parents) => std::mem::forget(parents),
            None => {}
        }
        let value = make()?;
        *slot = Some((pid, value.clone()));
        Ok(value)
    }

    /// Takes the value out, with the process that made it; the next `get_or_make` makes a new one.
    pub fn take(&self) -> Option<(u32, T)> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take()
    }
}

impl<T: Clone> Default for PerProcess<T> {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_value_is_made_once_per_process_and_again_after_take() {
        let slot = PerProcess::new();
        let mut made = 0;
        for _ in 0..3 {
            let value = slot.get_or_make(|| {
                made += 1;
                Ok::<_, ()>(made)
            });
            assert_eq!(value, Ok(1));
        }
        assert_eq!(slot.take(), Some((std::process::id(), 1)));
        assert_eq!(slot.get_or_make(|| Ok::<_, ()>(7)), Ok(7));
        assert_eq!(slot.get_or_make(|| Err("not called")), Ok(7));
    }

    #[test]
    fn a_failed_make_leaves_nothing_behind() {
        let slot: PerProcess<u8> = PerProcess::new();
        assert_eq!(slot.get_or_make(|| Err("no threads")), Err("no threads"));
        assert_eq!(slot.take(), None);
    }
}
