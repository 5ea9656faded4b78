package dev.blackwater.lake;

/** An object as a listing shows it. */
public record LakeObject(String key, long size) {}
