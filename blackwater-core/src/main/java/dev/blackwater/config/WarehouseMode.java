package dev.blackwater.config;

/** Who owns the warehouse schema. */
public enum WarehouseMode {
  /** Blackwater creates and migrates its schema (Flyway). */
  MIGRATE,
  /** Another team prepared the schema: Blackwater only checks it and never creates or alters. */
  CHECK
}
