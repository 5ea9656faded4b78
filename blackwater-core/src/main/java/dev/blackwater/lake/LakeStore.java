package dev.blackwater.lake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * One zone of the data lake: a flat space of immutable objects named by keys such as {@code
 * sales_order/2026/11/27/000042-20261127T161728Z.csv.gz}. Built for object-store semantics: objects
 * are created once with put-if-absent and never changed, renamed or appended to; listings come in
 * pages, in key order. An object of a batch ({@link LakeLayout}) is uncommitted from its creation
 * until its batch commits ({@link #markCommitted}); the only objects ever removed are uncommitted
 * ones that no committed manifest names, older than the grace period, by gc ({@link LakeGc}): a
 * store that {@linkplain #expiresUncommitted() expires them itself} (S3, by a lifecycle rule on
 * their tag) is never asked to delete anything.
 */
public interface LakeStore {

  /** Where this zone is, e.g. {@code file:///data/ingestion} or {@code s3://bucket/prefix}. */
  URI uri();

  /**
   * Starts writing a new object. Nothing is visible under {@code key} until {@link
   * LakeWriter#commit()} succeeds; closing without committing leaves no trace under the key.
   */
  LakeWriter create(String key);

  /**
   * Opens an existing object for streaming reads.
   *
   * @throws LakeObjectMissingException if there is no such object
   */
  InputStream open(String key);

  /**
   * One page of the objects whose keys start with {@code prefix}, in key order, beginning after
   * {@code startAfter} (exclusive; {@code null} for the first page).
   */
  LakePage list(String prefix, String startAfter);

  /** Whether an object exists. */
  boolean exists(String key);

  /**
   * The object as a file on this machine, when the store keeps its objects on local disk (a local
   * zone): readers that need a file (DuckDB) read it in place instead of a copy. Empty for remote
   * stores, and for a key with no object. A reader must never write or delete it.
   */
  default Optional<Path> localFile(String key) {
    return Optional.empty();
  }

  /**
   * Marks the objects a manifest is about to commit as committed, before the manifest is written: a
   * store that expires uncommitted objects by itself stops expiring them (S3: each is re-tagged
   * committed). Marking an object committed again changes nothing.
   *
   * @throws LakeObjectMissingException naming the first key that has no object (gone: written by a
   *     run that took longer than the grace period, and collected), so that no manifest ever names
   *     a missing object
   */
  default void markCommitted(Collection<String> keys) {
    for (String key : keys) {
      if (!exists(key)) {
        throw new LakeObjectMissingException(uri().toString(), key);
      }
    }
  }

  /**
   * Whether the store removes uncommitted objects by itself once they are older than the grace
   * period (S3: a lifecycle rule expires objects still tagged uncommitted), so that gc only lists
   * them and never deletes; false for a store whose uncommitted objects gc deletes ({@link
   * #delete}).
   */
  default boolean expiresUncommitted() {
    return false;
  }

  /**
   * Removes an object, or a write {@linkplain #unfinished() never finished}; a key with nothing
   * under it is no error. Only gc calls it, and only for what no committed manifest names.
   *
   * @throws UnsupportedOperationException on a store that {@linkplain #expiresUncommitted() expires
   *     uncommitted objects itself} and needs no delete rights
   */
  default void delete(String key) {
    throw new UnsupportedOperationException(
        uri() + " expires uncommitted objects by itself; nothing deletes from it");
  }

  /**
   * Writes begun and never committed nor discarded, invisible to {@link #list}: the temporary files
   * of a writer killed mid-write in a local zone, each by a key that {@link #delete} takes. None
   * for a store that clears them itself (S3: a lifecycle rule aborts incomplete multipart uploads).
   */
  default List<LakeObject> unfinished() {
    return List.of();
  }

  /** Writes a small object in one go, with put-if-absent semantics. */
  default StoredObject put(String key, byte[] content) {
    try (LakeWriter writer = create(key)) {
      writer.write(content);
      return writer.commit();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + key + " to " + uri(), e);
    }
  }

  /** Reads a small object whole. */
  default byte[] read(String key) {
    try (InputStream in = open(key)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + key + " from " + uri(), e);
    }
  }

  /** Every object under {@code prefix} after {@code startAfter}, following the pages. */
  default List<LakeObject> listAll(String prefix, String startAfter) {
    List<LakeObject> all = new ArrayList<>();
    String after = startAfter;
    while (true) {
      LakePage page = list(prefix, after);
      all.addAll(page.objects());
      Optional<String> next = page.nextStartAfter();
      if (next.isEmpty()) {
        return all;
      }
      after = next.get();
    }
  }
}
