package dev.blackwater.lake;

import com.github.luben.zstd.RecyclingBufferPool;
import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * How an ingestion object's CSV is compressed; its manifest records it ({@link Manifest.Table#codec
 * codec}). Extract writes zstd; gzip is what lakes written before hold, and is read as ever. DuckDB
 * reads both natively.
 */
public enum CsvCodec {
  /** gzip (RFC 1952): every ingestion object written before zstd. */
  GZIP("gzip", ".csv.gz"),
  /** Zstandard (RFC 8878) frames: what extract writes. */
  ZSTD("zstd", ".csv.zst");

  /** The level extract compresses at: zstd's fastest regular level. */
  public static final int ZSTD_LEVEL = 1;

  private final String label;
  private final String suffix;

  CsvCodec(String label, String suffix) {
    this.label = label;
    this.suffix = suffix;
  }

  /** The name in manifests and DuckDB's {@code compression} option: {@code gzip}, {@code zstd}. */
  public String label() {
    return label;
  }

  /** An object's key ends with this: {@code .csv.gz}, {@code .csv.zst}. */
  public String suffix() {
    return suffix;
  }

  /**
   * The codec a manifest names, or for a manifest that names none (written before zstd), gzip.
   *
   * @throws IllegalArgumentException for a codec this version does not know
   */
  public static CsvCodec named(String label) {
    if (label == null) {
      return GZIP;
    }
    return Arrays.stream(values())
        .filter(c -> c.label.equals(label.toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("an unknown compression '" + label + "'"));
  }

  /** Compresses into {@code out}; closing the result finishes the stream and closes {@code out}. */
  public OutputStream compress(OutputStream out) throws IOException {
    return switch (this) {
      case GZIP -> new GZIPOutputStream(out, 1 << 16);
      case ZSTD -> new ZstdOutputStream(out, RecyclingBufferPool.INSTANCE, ZSTD_LEVEL);
    };
  }

  /** Decompresses {@code in}. */
  public InputStream decompress(InputStream in) throws IOException {
    return switch (this) {
      case GZIP -> new GZIPInputStream(in, 1 << 16);
      case ZSTD -> new ZstdInputStream(in, RecyclingBufferPool.INSTANCE);
    };
  }
}
