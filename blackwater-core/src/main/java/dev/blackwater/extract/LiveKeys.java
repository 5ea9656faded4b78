package dev.blackwater.extract;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.roaringbitmap.RoaringBitmap;

/**
 * What the lake knows of one table's keys: those alive, those it recorded as deleted and has not
 * seen again, and the table's {@link Fingerprint} when its keys were last read in full (or none).
 * Stored as {@code _keys/<table>/<yyyy>/<mm>/<dd>/<batch>.roaring}: the bytes {@code BWK1}, a flag
 * byte (1: a fingerprint follows), the fingerprint's file node and deletions (two 8-byte integers),
 * then the two Roaring bitmaps in their portable serialisation, alive first. A key is a 32-bit
 * integer (stored unsigned: order does not matter here).
 */
record LiveKeys(RoaringBitmap alive, RoaringBitmap deleted, Fingerprint fingerprint) {

  private static final byte[] MAGIC = "BWK1".getBytes(StandardCharsets.US_ASCII);

  /** The object's bytes. */
  byte[] write() {
    alive.runOptimize();
    deleted.runOptimize();
    ByteArrayOutputStream bytes =
        new ByteArrayOutputStream(
            MAGIC.length + 17 + alive.serializedSizeInBytes() + deleted.serializedSizeInBytes());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.writeByte(fingerprint == null ? 0 : 1);
      out.writeLong(fingerprint == null ? 0 : fingerprint.fileNode());
      out.writeLong(fingerprint == null ? 0 : fingerprint.deletes());
      alive.serialize(out);
      deleted.serialize(out);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise a bitmap in memory", e);
    }
    return bytes.toByteArray();
  }

  /** Reads an object's bytes back. */
  static LiveKeys read(String key, byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte[] magic = new byte[MAGIC.length];
      in.readFully(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new IOException("it does not start with BWK1");
      }
      boolean printed = in.readByte() == 1;
      long fileNode = in.readLong();
      long deletes = in.readLong();
      RoaringBitmap alive = new RoaringBitmap();
      alive.deserialize(in);
      RoaringBitmap deleted = new RoaringBitmap();
      deleted.deserialize(in);
      return new LiveKeys(alive, deleted, printed ? new Fingerprint(fileNode, deletes) : null);
    } catch (IOException | RuntimeException e) {
      throw new BlackwaterException(
          ErrorCode.DATA_QUALITY,
          "the keys object " + key + " cannot be read: " + e.getMessage(),
          e);
    }
  }
}
