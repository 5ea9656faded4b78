package dev.blackwater.extract;

import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.Manifest;
import java.util.Optional;

/** What the lake knows of a table's keys after a batch, for status: how many alive, deleted. */
public final class KnownKeys {

  /**
   * @param alive keys alive at the last check
   * @param deleted keys recorded deleted (and not back since)
   */
  public record Counts(long alive, long deleted) {}

  private KnownKeys() {}

  /** The counts of {@code table} in {@code manifest} (an ingestion batch), if it has keys. */
  public static Optional<Counts> of(LakeStore ingestion, Manifest manifest, String table) {
    LiveKeys keys = KeyCheck.known(ingestion, Optional.of(manifest), table);
    return keys == null
        ? Optional.empty()
        : Optional.of(
            new Counts(keys.alive().getLongCardinality(), keys.deleted().getLongCardinality()));
  }
}
