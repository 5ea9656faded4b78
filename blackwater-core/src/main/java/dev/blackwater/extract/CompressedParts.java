package dev.blackwater.extract;

import dev.blackwater.lake.BatchId;
import dev.blackwater.lake.CsvCodec;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.LakeWriter;
import dev.blackwater.lake.Manifest.ObjectRef;
import dev.blackwater.lake.StoredObject;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.MDC;

/**
 * Writes one table's rows of a batch as compressed CSV objects, each starting with the header row:
 * {@code <batch>.csv.zst}, then {@code <batch>.part-00002.csv.zst}, ... when the compressed size
 * passes the part size. The thread that reads rows only copies them into chunks; a thread of its
 * own compresses each chunk, checksums and writes it, so reading from the source never waits for
 * the compressor unless it is {@value #CHUNKS_AHEAD} chunks behind (memory stays bounded). A part
 * always ends on a row's end. Nothing is created until the first row arrives.
 */
final class CompressedParts implements AutoCloseable {

  /**
   * Chunk size: large enough for few hand-overs, small enough to stay in cache; a part ends on a
   * chunk's end, so never above the part size.
   */
  static final int CHUNK_BYTES = 1 << 20;

  /** Chunks the reader may be ahead of the compressor. */
  static final int CHUNKS_AHEAD = 4;

  private static final Chunk END = new Chunk(new byte[0]);

  private final LakeStore lake;
  private final BatchId batch;
  private final String table;
  private final byte[] header;
  private final long partBytes;
  private final CsvCodec codec;
  private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
  private final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(CHUNKS_AHEAD + 2);
  private final List<ObjectRef> committed = new ArrayList<>();
  private final Thread compressor;
  private final int chunkBytes;

  private Chunk filling;
  private volatile Throwable failure;
  private boolean finished;

  // owned by the compressor thread
  private LakeWriter writer;
  private OutputStream compressed;
  private long rowsInPart;

  CompressedParts(
      LakeStore lake, BatchId batch, String table, byte[] header, long partBytes, CsvCodec codec) {
    this.lake = lake;
    this.batch = batch;
    this.table = table;
    this.header = header.clone();
    this.partBytes = partBytes;
    this.codec = codec;
    this.chunkBytes = (int) Math.min(CHUNK_BYTES, Math.max(4096, partBytes));
    for (int i = 0; i < CHUNKS_AHEAD + 2; i++) {
      free.add(new Chunk(new byte[chunkBytes]));
    }
    Map<String, String> context = MDC.getCopyOfContextMap();
    compressor =
        new Thread(
            () -> {
              if (context != null) {
                MDC.setContextMap(context);
              }
              compressAll();
            },
            "blackwater-compress-" + table);
    compressor.setDaemon(true);
    compressor.start();
  }

  /** Appends one CSV row (with its line end). */
  void write(byte[] row) throws IOException {
    if (filling == null) {
      filling = take(free);
    }
    if (filling.length + row.length > filling.bytes.length) {
      if (filling.length > 0) {
        handOver();
        filling = take(free);
      }
      if (row.length > filling.bytes.length) {
        filling = new Chunk(new byte[row.length]); // a row larger than a chunk gets its own
      }
    }
    System.arraycopy(row, 0, filling.bytes, filling.length, row.length);
    filling.length += row.length;
    filling.rows++;
  }

  /** Commits the last part and returns every part written. */
  List<ObjectRef> finish() throws IOException {
    if (filling != null && filling.length > 0) {
      handOver();
    }
    filling = null;
    put(END);
    finished = true;
    join();
    rethrow();
    return List.copyOf(committed);
  }

  /**
   * Stops the compressor and discards an unfinished part: nothing more goes to the lake after a
   * failure, and no thread outlives the table's extraction.
   */
  @Override
  public void close() throws IOException {
    if (!finished) {
      compressor.interrupt();
      try {
        compressor.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (writer != null) {
      writer.close();
    }
  }

  private void handOver() throws IOException {
    put(filling);
    filling = null;
  }

  private void put(Chunk chunk) throws IOException {
    rethrow();
    try {
      while (!full.offer(chunk, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        rethrow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("extract of " + table + " interrupted");
    }
  }

  private Chunk take(BlockingQueue<Chunk> queue) throws IOException {
    try {
      Chunk chunk;
      while ((chunk = queue.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS)) == null) {
        rethrow();
      }
      chunk.length = 0;
      chunk.rows = 0;
      return chunk;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("extract of " + table + " interrupted");
    }
  }

  private void join() throws IOException {
    try {
      compressor.join();
    } catch (InterruptedException e) {
      compressor.interrupt();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("extract of " + table + " interrupted");
    }
  }

  private void rethrow() throws IOException {
    Throwable f = failure;
    if (f instanceof IOException io) {
      throw io;
    }
    if (f instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (f != null) {
      throw new IOException("compressing " + table + " failed", f);
    }
  }

  /** The compressor thread: chunks to parts, until the end or a failure. */
  private void compressAll() {
    try {
      while (true) {
        Chunk chunk = full.take();
        if (chunk == END) {
          if (writer != null) {
            finishPart();
          }
          return;
        }
        if (writer == null) {
          startPart();
        }
        compressed.write(chunk.bytes, 0, chunk.length);
        rowsInPart += chunk.rows;
        if (chunk.bytes.length == chunkBytes) {
          free.offer(chunk);
        }
        if (writer.bytesWritten() >= partBytes) {
          finishPart();
        }
      }
    } catch (InterruptedException e) {
      failure = new InterruptedIOException("extract of " + table + " interrupted");
    } catch (Throwable t) {
      failure = t;
    }
  }

  private void startPart() throws IOException {
    int number = committed.size() + 1;
    String suffix =
        number == 1
            ? codec.suffix()
            : String.format(Locale.ROOT, ".part-%05d", number) + codec.suffix();
    writer = lake.create(batch.objectKey(table, suffix));
    compressed = codec.compress(new KeepOpen(writer));
    compressed.write(header);
    rowsInPart = 0;
  }

  private void finishPart() throws IOException {
    compressed.close(); // ends the compressed stream; the lake writer stays open
    StoredObject stored = writer.commit();
    committed.add(new ObjectRef(stored.key(), rowsInPart, stored.bytes(), stored.sha256()));
    writer = null;
    compressed = null;
  }

  /** Some rows, whole. */
  private static final class Chunk {
    final byte[] bytes;
    int length;
    long rows;

    Chunk(byte[] bytes) {
      this.bytes = bytes;
    }
  }

  /** Passes writes through; closing it flushes but leaves the lake writer open for its commit. */
  private static final class KeepOpen extends FilterOutputStream {
    KeepOpen(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
