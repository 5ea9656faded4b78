package dev.blackwater.transform;

import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.LakeWriter;
import dev.blackwater.lake.Manifest.ObjectRef;
import dev.blackwater.lake.StoredObject;
import dev.blackwater.pipeline.BlackwaterException;
import dev.blackwater.pipeline.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Moves objects between a lake zone and local files, which is where DuckDB reads and writes: a
 * download is checked against the size and SHA-256 its manifest records while it streams.
 */
final class LakeFiles {

  private LakeFiles() {}

  /**
   * Copies {@code object} to {@code target}, checking its size and checksum.
   *
   * @throws BlackwaterException DATA_QUALITY naming the object when it is missing or differs from
   *     what the manifest of {@code batch} recorded
   */
  static void download(LakeStore lake, String batch, ObjectRef object, Path target) {
    MessageDigest digest = sha256();
    long bytes;
    try (InputStream in = new DigestInputStream(lake.open(object.key()), digest);
        OutputStream out = Files.newOutputStream(target)) {
      bytes = in.transferTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + object.key() + " from " + lake.uri() + ": " + e.getMessage(), e);
    } catch (BlackwaterException e) {
      throw new BlackwaterException(
          e.code(), "object " + object.key() + " of batch " + batch + ": " + e.getMessage(), e);
    }
    String sha = HexFormat.of().formatHex(digest.digest());
    if (bytes != object.bytes() || !sha.equals(object.sha256())) {
      throw new BlackwaterException(
          ErrorCode.DATA_QUALITY,
          "object "
              + object.key()
              + " of batch "
              + batch
              + " is corrupt: "
              + bytes
              + " bytes with SHA-256 "
              + sha
              + ", the manifest says "
              + object.bytes()
              + " bytes with "
              + object.sha256());
    }
  }

  /** Writes a local file to the lake under {@code key}, with put-if-absent. */
  static StoredObject upload(LakeStore lake, Path source, String key) {
    try (LakeWriter writer = lake.create(key)) {
      Files.copy(source, writer);
      return writer.commit();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write " + key + " to " + lake.uri() + ": " + e.getMessage(), e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java", e);
    }
  }
}
