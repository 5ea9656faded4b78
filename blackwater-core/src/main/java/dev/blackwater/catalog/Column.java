package dev.blackwater.catalog;

/** A column: name and type as the source's catalogue (or the Parquet schema) gives it. */
public record Column(String name, String type) {}
