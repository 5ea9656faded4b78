package dev.blackwater.lake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One zone of the data lake: a flat space of immutable objects named by keys such as {@code
 * sales_order/2026/11/27/000042-20261127T161728Z.csv.gz}. Built for object-store semantics: objects
 * are created once with put-if-absent and never changed, renamed, appended to or deleted; listings
 * come in pages, in key order.
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
