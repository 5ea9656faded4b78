package dev.blackwater.aws.lake;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * CRC32 checksums as S3 writes them: the big-endian value in base64, and for a multipart upload the
 * checksum of the parts' checksums followed by {@code -<parts>}.
 */
final class Crc32Checksums {

  private Crc32Checksums() {}

  /** The checksum of {@code length} bytes of {@code content} from {@code offset}. */
  static String of(byte[] content, int offset, int length) {
    CRC32 crc = new CRC32();
    crc.update(content, offset, length);
    return encode(crc.getValue());
  }

  /**
   * The composite checksum of a multipart upload whose parts have {@code partChecksums}; null when
   * the server reported no checksum for a part.
   */
  static String composite(List<String> partChecksums) {
    if (partChecksums.stream().anyMatch(Objects::isNull)) {
      return null;
    }
    CRC32 crc = new CRC32();
    for (String part : partChecksums) {
      crc.update(Base64.getDecoder().decode(part));
    }
    return encode(crc.getValue()) + "-" + partChecksums.size();
  }

  /**
   * Whether the checksum S3 reports equals {@code expected} (a composite one may be reported with
   * or without its {@code -<parts>} suffix); never when either is unknown.
   */
  static boolean matches(String reported, String expected) {
    if (reported == null || expected == null) {
      return false;
    }
    return reported.equals(expected)
        || (expected.contains("-")
            && reported.equals(expected.substring(0, expected.indexOf('-'))));
  }

  private static String encode(long value) {
    return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) value).array());
  }
}
