package dev.blackwater.extract;

import dev.blackwater.lake.BatchId;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.LakeWriter;
import dev.blackwater.lake.Manifest.ObjectRef;
import dev.blackwater.lake.StoredObject;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes one table's rows of a batch as gzip CSV objects, each starting with the header row,
 * starting a new part when the compressed size passes the limit: {@code <batch>.csv.gz}, then
 * {@code <batch>.part-00002.csv.gz}, ... Nothing is created until the first row arrives.
 */
final class GzipParts implements AutoCloseable {

  private final LakeStore lake;
  private final BatchId batch;
  private final String table;
  private final byte[] header;
  private final long partBytes;
  private final int level;
  private final List<ObjectRef> committed = new ArrayList<>();

  private LakeWriter writer;
  private LeveledGzip gzip;
  private OutputStream out;
  private long rowsInPart;

  GzipParts(LakeStore lake, BatchId batch, String table, byte[] header, long partBytes, int level) {
    this.lake = lake;
    this.batch = batch;
    this.table = table;
    this.header = header.clone();
    this.partBytes = partBytes;
    this.level = level;
  }

  /** Appends one CSV row (with its line end). */
  void write(byte[] row) throws IOException {
    if (writer != null && writer.bytesWritten() >= partBytes) {
      finishPart();
    }
    if (writer == null) {
      startPart();
    }
    out.write(row);
    rowsInPart++;
  }

  private void startPart() throws IOException {
    int number = committed.size() + 1;
    String suffix =
        number == 1 ? ".csv.gz" : String.format(Locale.ROOT, ".part-%05d.csv.gz", number);
    writer = lake.create(batch.objectKey(table, suffix));
    gzip = new LeveledGzip(writer, level);
    out = new BufferedOutputStream(gzip, 1 << 16);
    out.write(header);
    rowsInPart = 0;
  }

  private void finishPart() throws IOException {
    out.flush();
    out.close(); // finishes the gzip trailer, leaves the lake writer open
    StoredObject stored = writer.commit();
    committed.add(new ObjectRef(stored.key(), rowsInPart, stored.bytes(), stored.sha256()));
    writer = null;
    gzip = null;
    out = null;
  }

  /** Commits the last part and returns every part written. */
  List<ObjectRef> finish() throws IOException {
    if (writer != null) {
      finishPart();
    }
    return List.copyOf(committed);
  }

  /**
   * Discards an unfinished part: frees its compressor without writing what it still holds (after a
   * failure, nothing more should go to the lake) and abandons the lake writer.
   */
  @Override
  public void close() throws IOException {
    if (writer != null) {
      try {
        gzip.abandon();
      } finally {
        writer.close();
      }
    }
  }

  /** A gzip stream at a chosen compression level; leaves the lake writer open on close. */
  private static final class LeveledGzip extends GZIPOutputStream {
    private final LakeWriter target;

    LeveledGzip(LakeWriter target, int level) throws IOException {
      super(target, 1 << 16);
      this.target = target;
      def.setLevel(level);
      def.setStrategy(Deflater.DEFAULT_STRATEGY);
    }

    /** Frees the compressor, writing nothing more. */
    void abandon() {
      def.end();
    }

    @Override
    public void close() throws IOException {
      try {
        finish();
        target.flush();
      } finally {
        def.end();
      }
    }
  }
}
