package dev.blackwater.lake;

/** An object as written: its key, size in bytes and SHA-256 (lower-case hex) of its bytes. */
public record StoredObject(String key, long bytes, String sha256) {}
