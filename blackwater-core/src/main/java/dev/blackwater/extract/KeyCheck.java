package dev.blackwater.extract;

import dev.blackwater.catalog.Column;
import dev.blackwater.config.DeleteSettings;
import dev.blackwater.config.Settings;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.lake.BatchId;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.Manifest;
import dev.blackwater.lake.Manifest.ObjectRef;
import dev.blackwater.lake.StoredObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.roaringbitmap.RoaringBitmap;

/**
 * Hard deletes: the keys each table holds in the extract's snapshot, compared with the keys the
 * lake knows to be alive (the newest manifest's {@code keys}). Keys that vanished become the
 * batch's deletion records ({@code _deleted/<table>/<yyyy>/<mm>/<dd>/<batch>.csv}: {@code
 * key,deleted_at}, the time being the snapshot's), as do keys recorded deleted that are back (with
 * an empty {@code deleted_at}). Too many deletions at once stop the run before it writes anything.
 */
final class KeyCheck {

  static final String KEYS = "_keys/";
  static final String DELETED = "_deleted/";
  static final List<Column> DELETED_COLUMNS =
      List.of(new Column("key", "integer"), new Column("deleted_at", "timestamp"));

  private KeyCheck() {}

  /** Whether the batch about to be made reads the keys. */
  static boolean due(DeleteSettings settings, BatchId batch) {
    return settings.checkEvery() == 1
        || (settings.checkEvery() > 1 && batch.sequence() % settings.checkEvery() == 0);
  }

  /** What the lake knows of {@code table}'s keys, or null. */
  static LiveKeys known(LakeStore lake, Optional<Manifest> latest, String table) {
    Manifest.Table entry = latest.map(Manifest::keys).map(keys -> keys.get(table)).orElse(null);
    if (entry == null || entry.objects() == null || entry.objects().isEmpty()) {
      return null;
    }
    ObjectRef object = entry.objects().get(0);
    byte[] bytes = lake.read(object.key());
    if (!sha256(bytes).equals(object.sha256())) {
      throw new BlackwaterException(
          ErrorCode.DATA_QUALITY,
          "the keys object "
              + object.key()
              + " does not match its checksum in batch "
              + latest.get().batch());
    }
    return LiveKeys.read(object.key(), bytes);
  }

  /**
   * Refuses the run when a table lost more than {@code settings.maxShare()} of its keys, or all of
   * them, unless the user allowed it.
   */
  static void guard(List<KeyChange> changes, DeleteSettings settings) {
    List<String> massive = new ArrayList<>();
    for (KeyChange change : changes) {
      if (change.massive(settings.maxShare())) {
        long gone = change.vanished().getLongCardinality();
        massive.add(
            String.format(
                Locale.ROOT,
                "%s: %,d of %,d keys (%.1f%%)%s",
                change.table(),
                gone,
                change.aliveBefore(),
                100.0 * gone / change.aliveBefore(),
                change.now().isEmpty() ? ", the table is empty" : ""));
      }
    }
    if (massive.isEmpty() || settings.allowMassDelete()) {
      return;
    }
    throw new BlackwaterException(
        ErrorCode.MASS_DELETE,
        "refusing to record a mass delete: "
            + String.join("; ", massive)
            + " vanished from the source since the last batch (more than "
            + String.format(Locale.ROOT, "%.1f%%", settings.maxShare() * 100)
            + " allowed by "
            + Settings.MAX_DELETE_SHARE.flag()
            + "). A restored or truncated source would wipe the warehouse: nothing was written."
            + " If the rows really are gone, run again with "
            + Settings.ALLOW_MASS_DELETE.flag());
  }

  /** What a check wrote: the manifest's {@code keys} and {@code deleted}. */
  record Written(Map<String, Manifest.Table> keys, Map<String, Manifest.Table> deleted) {

    boolean anyDeleted() {
      return !deleted.isEmpty();
    }
  }

  /**
   * Writes the keys objects of the tables whose keys changed (carrying the others forward from
   * {@code latest}) and the deletion records.
   */
  static Written write(
      LakeStore lake,
      BatchId batch,
      List<KeyChange> changes,
      String snapshotTime,
      Optional<Manifest> latest) {
    Map<String, Manifest.Table> keys = new LinkedHashMap<>();
    latest.map(Manifest::keys).ifPresent(keys::putAll);
    Map<String, Manifest.Table> deleted = new LinkedHashMap<>();
    for (KeyChange change : changes) {
      if (!change.changed()) {
        continue;
      }
      LiveKeys after = change.after();
      StoredObject stored =
          lake.put(batch.objectKey(KEYS + change.table(), ".roaring"), after.write());
      long alive = after.alive().getLongCardinality();
      keys.put(
          change.table(),
          Manifest.Table.of(
              alive,
              List.of(new ObjectRef(stored.key(), alive, stored.bytes(), stored.sha256())),
              List.of(new Column("key", "integer"))));
      RoaringBitmap vanished = change.vanished();
      RoaringBitmap revived = change.revived();
      long records = vanished.getLongCardinality() + revived.getLongCardinality();
      if (records == 0) {
        continue;
      }
      StringBuilder csv = new StringBuilder("key,deleted_at\n");
      String at = snapshotTime.replace('T', ' ');
      vanished.forEach((int key) -> csv.append(key).append(',').append(at).append('\n'));
      revived.forEach((int key) -> csv.append(key).append(",\n"));
      StoredObject recordsObject =
          lake.put(
              batch.objectKey(DELETED + change.table(), ".csv"),
              csv.toString().getBytes(StandardCharsets.UTF_8));
      deleted.put(
          change.table(),
          Manifest.Table.of(
              records,
              List.of(
                  new ObjectRef(
                      recordsObject.key(), records, recordsObject.bytes(), recordsObject.sha256())),
              DELETED_COLUMNS));
    }
    return new Written(keys, deleted);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
