package dev.blackwater.lake;

/**
 * An object that gc removes (or, on a store that expires them itself, leaves to expire): no
 * committed manifest names it, and it is older than the grace period.
 *
 * @param key its key (for an unfinished write, its temporary file's)
 * @param bytes its size
 * @param batch the batch it belongs to, or null when its name tells only a sequence number or a day
 * @param why why it is not data: {@code no manifest} (its batch never committed), {@code not named
 *     by its manifest}, or {@code unfinished write} (a temporary file of a writer that died)
 */
public record Orphan(String key, long bytes, String batch, String why) {

  static final String NO_MANIFEST = "no manifest";
  static final String NOT_NAMED = "not named by its manifest";
  static final String UNFINISHED = "unfinished write";
}
