package dev.blackwater.iceberg;

import dev.blackwater.Sql;
import dev.blackwater.duckdb.DuckDbSession;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.lake.LakeFiles;
import dev.blackwater.lake.LakeObjectExistsException;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.Manifest.ObjectRef;
import dev.blackwater.warehouse.WarehouseTable;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.mapping.NameMappingParser;
import org.apache.iceberg.parquet.ParquetUtil;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * Makes Iceberg data files of the processed zone's Parquet objects: metrics from each file's footer
 * (read without Hadoop), by field id, or by name for files written before Iceberg (no field ids). A
 * fact's object whose rows span several months (a first batch holds the whole history) is split
 * into one object per month under {@code _iceberg/data/<table>/<batch>.<yyyy-mm>.parquet}, named so
 * that doing it again finds the same objects.
 */
final class ParquetObjects {

  private final LakeStore zone;
  private final LakeFileIO io;
  private final Path workDir;

  ParquetObjects(LakeStore zone, LakeFileIO io, Path workDir) {
    this.zone = zone;
    this.io = io;
    this.workDir = workDir;
  }

  /**
   * The data files of one object of {@code batch}.
   *
   * @param local the object as a local file when the caller has it, else fetched from the zone
   */
  List<DataFile> of(Table table, String batch, ObjectRef object, Optional<Path> local) {
    Path file = local.or(() -> zone.localFile(object.key())).orElse(null);
    boolean temporary = false;
    if (file == null) {
      file = workDir.resolve("fetch-" + object.key().replace('/', '_'));
      LakeFiles.download(zone, batch, object, file);
      temporary = true;
    }
    try {
      PartitionSpec spec = table.spec();
      if (spec.isUnpartitioned()) {
        return List.of(dataFile(table, file, object.key(), (YearMonth) null));
      }
      DataFile whole = dataFile(table, file, object.key(), (YearMonth) null);
      int id = table.schema().findField(LakeSchemas.PARTITION_DATE).fieldId();
      YearMonth low = month(whole.lowerBounds(), id, object.key());
      YearMonth high = month(whole.upperBounds(), id, object.key());
      if (low.equals(high)) {
        return List.of(dataFile(table, file, object.key(), low));
      }
      return split(table, batch, file, low, high);
    } finally {
      if (temporary) {
        delete(file);
      }
    }
  }

  private DataFile dataFile(Table table, Path file, String key, YearMonth month) {
    org.apache.iceberg.DataFiles.Builder builder = builder(table, file, key);
    if (month != null) {
      // the month transform's value: months since 1970-01
      long ordinal = ChronoUnit.MONTHS.between(YearMonth.of(1970, 1), month);
      builder.withPartitionPath(table.spec().fields().get(0).name() + "=" + ordinal);
    }
    return builder.build();
  }

  /** A data file in the partition {@code partition} (of the table's spec). */
  DataFile inPartition(Table table, Path file, String key, StructLike partition) {
    return builder(table, file, key).withPartition(partition).build();
  }

  private org.apache.iceberg.DataFiles.Builder builder(Table table, Path file, String key) {
    ParquetMetadata footer;
    try {
      footer = footer(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Parquet footer of " + key, e);
    }
    String mapping = table.properties().get("schema.name-mapping.default");
    Metrics metrics =
        ParquetUtil.footerMetrics(
            footer,
            Stream.empty(),
            MetricsConfig.forTable(table),
            mapping == null ? null : NameMappingParser.fromJson(mapping));
    long bytes;
    try {
      bytes = Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the size of " + file, e);
    }
    org.apache.iceberg.DataFiles.Builder builder =
        org.apache.iceberg.DataFiles.builder(table.spec())
            .withPath(io.location(key))
            .withFormat(FileFormat.PARQUET)
            .withFileSizeInBytes(bytes)
            .withMetrics(metrics);
    return builder;
  }

  /**
   * The file's footer, parsed without Parquet's readers (they load Hadoop's classes, which we do
   * not ship): the last 8 bytes are the footer's length and {@code PAR1}.
   */
  static ParquetMetadata footer(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      channel.read(tail, size - 8);
      tail.flip();
      int length = tail.getInt();
      byte[] magic = new byte[4];
      tail.get(magic);
      if (size < 12 + (long) length
          || !"PAR1".equals(new String(magic, StandardCharsets.US_ASCII))) {
        throw new IOException(file + " is not a Parquet file");
      }
      ByteBuffer footer = ByteBuffer.allocate(length);
      channel.read(footer, size - 8 - length);
      return new ParquetMetadataConverter()
          .readParquetMetadata(
              new ByteArrayInputStream(footer.array()), ParquetMetadataConverter.NO_FILTER);
    }
  }

  private static YearMonth month(Map<Integer, ByteBuffer> bounds, int id, String key) {
    ByteBuffer bound = bounds == null ? null : bounds.get(id);
    if (bound == null) {
      throw new BlackwaterException(
          ErrorCode.DATA_QUALITY,
          key + " has no " + LakeSchemas.PARTITION_DATE + " statistics to partition it by");
    }
    Integer days = Conversions.fromByteBuffer(Types.DateType.get(), bound);
    return YearMonth.from(LocalDate.ofEpochDay(days));
  }

  /** Splits a fact's object into one object per month, written once. */
  private List<DataFile> split(
      Table table, String batch, Path file, YearMonth low, YearMonth high) {
    WarehouseTable warehouseTable = WarehouseTable.named(table.name().replaceAll(".*\\.", ""));
    List<DataFile> files = new ArrayList<>();
    // a folder per table: the tables of a batch are committed at once (CommitThreads)
    Path work = workDir.resolve("split-" + warehouseTable.tableName());
    try {
      Files.createDirectories(work);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + work, e);
    }
    try (DuckDbSession duck = new DuckDbSession("256MB", 1, work.resolve("spill"))) {
      String source = "read_parquet(" + Sql.literal(file.toString()) + ")";
      List<List<String>> months =
          duck.query(
              "SELECT DISTINCT strftime("
                  + LakeSchemas.PARTITION_DATE
                  + ", '%Y-%m') AS m FROM "
                  + source
                  + " ORDER BY m");
      for (List<String> row : months) {
        String month = row.get(0);
        String key =
            LakeTables.PREFIX
                + "data/"
                + warehouseTable.tableName()
                + "/"
                + batch
                + "."
                + month
                + ".parquet";
        Path out = work.resolve(month + ".parquet");
        duck.execute(
            "COPY (SELECT "
                + String.join(
                    ", ", warehouseTable.columnNames().stream().map(Sql::identifier).toList())
                + " FROM "
                + source
                + " WHERE strftime("
                + LakeSchemas.PARTITION_DATE
                + ", '%Y-%m') = "
                + Sql.literal(month)
                + ") TO "
                + Sql.literal(out.toString())
                + " (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1, "
                + LakeSchemas.fieldIdsOption(warehouseTable)
                + ")");
        Path stored = out;
        try {
          LakeFiles.upload(zone, out, key);
        } catch (LakeObjectExistsException e) {
          // written by an earlier attempt that died before its commit: use what it stored
          stored = zone.localFile(key).orElse(null);
          if (stored == null) {
            stored = work.resolve("stored-" + month + ".parquet");
            delete(stored);
            try (var in = zone.open(key)) {
              Files.copy(in, stored);
            } catch (IOException io) {
              throw new UncheckedIOException("cannot read " + key, io);
            }
          }
        }
        files.add(dataFile(table, stored, key, YearMonth.parse(month)));
        delete(out);
      }
    } catch (SQLException e) {
      throw new BlackwaterException(
          ErrorCode.INTERNAL,
          "DuckDB failed splitting " + file + " by month: " + BlackwaterException.firstLine(e),
          e);
    }
    if (files.isEmpty() || low.isAfter(high)) {
      throw new IllegalStateException("no month in " + file);
    }
    return files;
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + file, e);
    }
  }
}
