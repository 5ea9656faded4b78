package dev.blackwater.totesys;

/** The rows that orders refer to. */
record References(
    IdPool designs, IdPool staff, IdPool counterparties, IdPool currencies, IdPool addresses) {}
