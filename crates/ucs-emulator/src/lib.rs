//! Local UCS emulator (placeholder until written).
