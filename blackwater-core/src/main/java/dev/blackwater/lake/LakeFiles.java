package dev.blackwater.lake;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.lake.Manifest.ObjectRef;
import java.io.EOFException;
import java.io.FilterInputStream;
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
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Moves objects between a lake zone and local files, which is where DuckDB reads and writes: a
 * download is checked against the size and SHA-256 its manifest records while it streams.
 */
public final class LakeFiles {

  private LakeFiles() {}

  /**
   * Copies {@code object} to {@code target}, checking its size and checksum.
   *
   * @throws BlackwaterException DATA_QUALITY naming the object when it is missing or differs from
   *     what the manifest of {@code batch} recorded
   */
  public static void download(LakeStore lake, String batch, ObjectRef object, Path target) {
    copy(lake, batch, object, target, false);
  }

  /**
   * Copies {@code object}, a gzip file, to {@code target} uncompressed (so that DuckDB can read it
   * in parallel), checking the compressed bytes' size and checksum.
   */
  public static void downloadGunzipped(
      LakeStore lake, String batch, ObjectRef object, Path target) {
    copy(lake, batch, object, target, true);
  }

  private static void copy(
      LakeStore lake, String batch, ObjectRef object, Path target, boolean gunzip) {
    MessageDigest digest = sha256();
    CountingInputStream counted;
    try (InputStream raw = lake.open(object.key())) {
      counted = new CountingInputStream(new DigestInputStream(raw, digest));
      try (InputStream in = gunzip ? new GZIPInputStream(counted, 1 << 16) : counted;
          OutputStream out = Files.newOutputStream(target)) {
        in.transferTo(out);
        counted.transferTo(OutputStream.nullOutputStream()); // bytes after the gzip trailer
      } catch (ZipException | EOFException e) {
        throw corrupt(object, batch, "it is not gzip: " + e.getMessage(), e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + object.key() + " from " + lake.uri() + ": " + e.getMessage(), e);
    } catch (LakeObjectMissingException e) {
      throw new BlackwaterException(
          e.code(), "object " + object.key() + " of batch " + batch + ": " + e.getMessage(), e);
    }
    long bytes = counted.count;
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

  private static BlackwaterException corrupt(
      ObjectRef object, String batch, String why, Exception cause) {
    return new BlackwaterException(
        ErrorCode.DATA_QUALITY,
        "object " + object.key() + " of batch " + batch + " is corrupt: " + why,
        cause);
  }

  /** Counts the bytes read through it. */
  private static final class CountingInputStream extends FilterInputStream {
    private long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }

  /** Writes a local file to the lake under {@code key}, with put-if-absent. */
  public static StoredObject upload(LakeStore lake, Path source, String key) {
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
