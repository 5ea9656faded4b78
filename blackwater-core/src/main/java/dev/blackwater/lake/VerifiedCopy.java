package dev.blackwater.lake;

import dev.blackwater.lake.Manifest.ObjectRef;
import dev.blackwater.pipeline.BlackwaterException;
import dev.blackwater.pipeline.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Copies a lake object named by a manifest to a local file, checking its size and SHA-256 against
 * the manifest on the way: a damaged or replaced object is a data-quality failure naming it.
 */
public final class VerifiedCopy {

  private VerifiedCopy() {}

  /** Copies {@code object} from {@code lake} to {@code target}. */
  public static Path copy(LakeStore lake, ObjectRef object, Path target) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    long bytes;
    try (InputStream in = lake.open(object.key());
        OutputStream out = new DigestOutputStream(Files.newOutputStream(target), digest)) {
      bytes = in.transferTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot copy " + object.key() + " from " + lake.uri() + ": " + e.getMessage(), e);
    }
    String sha256 = HexFormat.of().formatHex(digest.digest());
    if (bytes != object.bytes() || !sha256.equals(object.sha256())) {
      throw new BlackwaterException(
          ErrorCode.DATA_QUALITY,
          "object "
              + object.key()
              + " in "
              + lake.uri()
              + " does not match its manifest: "
              + bytes
              + " bytes with SHA-256 "
              + sha256
              + ", expected "
              + object.bytes()
              + " bytes with "
              + object.sha256());
    }
    return target;
  }
}
