//! The JSON face of the core: client options, every operation by name, pagers, the federation
//! waiter and error descriptions as plain JSON values, so the Python and Node bindings wrap one
//! dispatcher instead of retyping the models (which stay defined once, in `ucs_sdk::models`).

/// Every binding's native library and the CLI allocate with mimalloc: decoding a page of 500
/// clusters with glibc's allocator spends about a third of its time in malloc and in page faults
/// (glibc hands the page's memory back to the system after each answer and faults it in again).
/// The core does not choose: a Rust application picks its own allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod answer;
mod catalogue;
mod errors;
mod invoke;
pub mod karmada;
mod options;
mod pager;
mod per_process;
mod runtime;
mod wait;

pub use answer::Answer;
pub use catalogue::{catalogue_json, wire_type, Operation, OperationInfo, PagesInfo, PAGES};
pub use errors::{
    errors_json, guarded, internal_error, panic_for_tests, panic_message, ErrorInfo, ErrorKind,
    PANIC_FOR_TESTS,
};
pub use invoke::{invoke, json_text, Call};
pub use options::{build_client, options_json, OptionValue, Options, Summary};
pub use pager::{open_pages, page_size, Pages};
pub use per_process::PerProcess;
pub use runtime::{runtime, shutdown_runtime};
pub use ucs_sdk::{Client, Error, Result};
pub use wait::{wait, Waiter};
