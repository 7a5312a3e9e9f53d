//! uniffi binding (placeholder).
