package dev.blackwater.transform;

import static dev.blackwater.Sql.identifier;
import static dev.blackwater.Sql.literal;

import dev.blackwater.Sql;
import dev.blackwater.catalog.Column;
import dev.blackwater.duckdb.DuckDbSession;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.lake.CsvCodec;
import dev.blackwater.lake.LakeFiles;
import dev.blackwater.lake.LakeFiles.LocalObject;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.Manifest;
import dev.blackwater.lake.Manifest.ObjectRef;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Fills schema {@code batch} (see {@code sources.sql}) with one ingestion batch: each object is
 * downloaded and checked, its header compared with the manifest, and read by DuckDB with the column
 * types the manifest records. Tables the batch lacks stay empty.
 */
final class SourceStaging {

  private static final Logger LOG = LoggerFactory.getLogger(SourceStaging.class);
  private static final Pattern CSV_LINE = Pattern.compile("CSV Error on Line: (\\d+)");
  private static final Pattern ORIGINAL_LINE = Pattern.compile("Original Line: ([^\\n]*)");

  private final DuckDbSession duck;
  private final LakeStore ingestion;
  private final Workspace workspace;
  private final int threads;
  private final List<String> objectKeys = new ArrayList<>();

  SourceStaging(DuckDbSession duck, LakeStore ingestion, Workspace workspace, int threads) {
    this.duck = duck;
    this.ingestion = ingestion;
    this.workspace = workspace;
    this.threads = threads;
  }

  /** The keys of the objects read, by their {@code _object} number. */
  List<String> objectKeys() {
    return List.copyOf(objectKeys);
  }

  /**
   * Creates the {@code batch} tables and loads {@code manifest}'s rows into them: the tables at
   * once on up to {@code threads} connections, the largest first (DuckDB reads a compressed file on
   * one thread, so tables are what runs in parallel). Each worker gets one object ready (checked in
   * place, or downloaded still compressed), reads it and discards it before the next, so at most
   * {@code threads} copies are on temp disk at a time.
   */
  void stage(Manifest manifest) throws SQLException {
    stage(manifest, Set.of());
  }

  /**
   * As {@link #stage(Manifest)}, but the tables of {@code streamed} that the batch has are not
   * loaded: each becomes a view reading its checked objects where they lie, as the one model that
   * reads it runs, guarded by the row checks ({@link RowCheck#guard}).
   *
   * @return the tables made views
   */
  Set<String> stage(Manifest manifest, Set<String> streamed) throws SQLException {
    duck.execute(Model.resource("sources.sql"));
    Map<String, Manifest.Table> entries = new LinkedHashMap<>();
    Map<String, List<List<String>>> wanted = new LinkedHashMap<>();
    Map<String, Integer> firstObject = new LinkedHashMap<>();
    for (String table : tables()) {
      Manifest.Table entry = manifest.tables().get(table);
      if (entry != null && entry.objects() != null && !entry.objects().isEmpty()) {
        entries.put(table, entry);
        wanted.put(table, columnsWanted(table));
        firstObject.put(table, objectKeys.size());
        entry.objects().forEach(o -> objectKeys.add(o.key()));
      }
    }
    List<String> largestFirst = new ArrayList<>(entries.keySet());
    largestFirst.sort(
        Comparator.comparingLong(
                (String t) -> entries.get(t).objects().stream().mapToLong(ObjectRef::bytes).sum())
            .reversed());
    Map<String, String> context = MDC.getCopyOfContextMap();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(threads, entries.size())),
            r -> {
              Thread t = new Thread(r, "blackwater-stage");
              t.setDaemon(true);
              return t;
            });
    Map<String, Future<Long>> staged = new LinkedHashMap<>();
    try {
      for (String table : largestFirst) {
        staged.put(
            table,
            pool.submit(
                () -> {
                  if (context != null) {
                    MDC.setContextMap(context);
                  }
                  MDC.put("table", table);
                  try (Connection connection = duck.newConnection()) {
                    return streamed.contains(table)
                        ? viewTable(
                            connection,
                            manifest.batch(),
                            table,
                            entries.get(table),
                            wanted.get(table),
                            firstObject.get(table))
                        : stageTable(
                            connection,
                            manifest.batch(),
                            table,
                            entries.get(table),
                            names(wanted.get(table)),
                            firstObject.get(table));
                  } finally {
                    MDC.remove("table");
                  }
                }));
      }
    } finally {
      pool.shutdown();
    }
    RuntimeException failure = null;
    for (String table : entries.keySet()) {
      try {
        staged.get(table).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        pool.shutdownNow();
        throw new BlackwaterException(ErrorCode.INTERNAL, "transform interrupted", e);
      } catch (ExecutionException e) {
        if (failure == null) {
          failure =
              e.getCause() instanceof RuntimeException runtime
                  ? runtime
                  : new IllegalStateException(e.getCause());
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    Set<String> views = new java.util.LinkedHashSet<>(streamed);
    views.retainAll(entries.keySet());
    return views;
  }

  private static List<String> names(List<List<String>> columns) {
    return columns.stream().map(c -> c.get(0)).toList();
  }

  private Path localFile(ObjectRef object) {
    return workspace.file("ingestion", object.key());
  }

  private List<String> tables() throws SQLException {
    return duck
        .query(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'batch'"
                + " ORDER BY table_name")
        .stream()
        .map(r -> r.get(0))
        .toList();
  }

  /** The columns of {@code batch.<table>} the models use, each as its name and DuckDB type. */
  private List<List<String>> columnsWanted(String table) throws SQLException {
    return duck.query(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema ="
            + " 'batch' AND table_name = "
            + literal(table)
            + " AND column_name <> '_object' ORDER BY ordinal_position");
  }

  /**
   * Checks a table's objects (size, SHA-256, header) and makes {@code batch.<table>} a view reading
   * them with the manifest's types and the staged table's, naming each row's object, and stopping
   * at the first row that breaks a check. The objects stay until the workspace is removed.
   *
   * @return the rows the manifest says the objects hold (counted when the one model reads them)
   */
  @SuppressFBWarnings(
      value = "SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE",
      justification = "names are quoted, the files and types are literals")
  private long viewTable(
      Connection connection,
      String batch,
      String table,
      Manifest.Table entry,
      List<List<String>> wanted,
      int firstObject)
      throws SQLException {
    checkColumns(batch, table, entry, names(wanted));
    CsvCodec codec = entry.csvCodec();
    List<String> files = new ArrayList<>();
    StringBuilder objectOf = new StringBuilder("CASE filename");
    int number = firstObject;
    for (ObjectRef object : entry.objects()) {
      LocalObject local = LakeFiles.checked(ingestion, batch, object, localFile(object));
      checkHeader(batch, table, object.key(), local.file(), codec, entry.columns());
      files.add(literal(local.file().toString()));
      objectOf
          .append(" WHEN ")
          .append(literal(local.file().toString()))
          .append(" THEN ")
          .append(number++);
    }
    objectOf.append(" END");
    String columns =
        wanted.stream()
            .map(
                c ->
                    "CAST("
                        + identifier(c.get(0))
                        + " AS "
                        + c.get(1)
                        + ") AS "
                        + identifier(c.get(0)))
            .collect(Collectors.joining(", "));
    String guard = RowCheck.guard(table);
    try (Statement s = connection.createStatement()) {
      s.execute("DROP TABLE batch." + identifier(table));
      s.execute(
          "CREATE VIEW batch."
              + identifier(table)
              + " AS SELECT "
              + columns
              + ", CAST("
              + objectOf
              + " AS INTEGER) AS _object FROM read_csv(["
              + String.join(", ", files)
              + "], "
              + readOptions(table, entry, codec)
              + ", filename = true)"
              + (guard.isEmpty() ? "" : " WHERE " + guard));
    }
    LOG.debug("{}: read where it lies, by its model", table);
    return entry.rows();
  }

  /**
   * The options of {@code read_csv} for an object of {@code table}: strict, typed by the manifest.
   */
  private static String readOptions(String table, Manifest.Table entry, CsvCodec codec) {
    String types =
        entry.columns().stream()
            .map(
                c ->
                    literal(c.name())
                        + ": "
                        + literal(SourceTypes.duckDb(table, c.name(), c.type())))
            .collect(Collectors.joining(", ", "{", "}"));
    return "compression = "
        + literal(codec.label())
        + ", header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"',"
        + " new_line = '\\n', allow_quoted_nulls = false, strict_mode = true, columns = "
        + types;
  }

  private static void checkColumns(
      String batch, String table, Manifest.Table entry, List<String> wanted) {
    Set<String> present = entry.columns().stream().map(Column::name).collect(Collectors.toSet());
    for (String column : wanted) {
      if (!present.contains(column)) {
        throw new BlackwaterException(
            ErrorCode.DATA_QUALITY,
            "table "
                + table
                + " of ingestion batch "
                + batch
                + " lacks column "
                + column
                + ", which the transform needs");
      }
    }
  }

  @SuppressFBWarnings(
      value = "SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE",
      justification = "names are quoted, the file and types are literals")
  private long stageTable(
      Connection connection,
      String batch,
      String table,
      Manifest.Table entry,
      List<String> wanted,
      int firstObject)
      throws SQLException {
    checkColumns(batch, table, entry, wanted);
    String columns = wanted.stream().map(Sql::identifier).collect(Collectors.joining(", "));
    CsvCodec codec = entry.csvCodec();
    long rows = 0;
    int number = firstObject;
    for (ObjectRef object : entry.objects()) {
      LocalObject local = LakeFiles.checked(ingestion, batch, object, localFile(object));
      try {
        checkHeader(batch, table, object.key(), local.file(), codec, entry.columns());
        String sql =
            "INSERT INTO batch."
                + identifier(table)
                + " ("
                + columns
                + ", _object) SELECT "
                + columns
                + ", "
                + number++
                + " FROM read_csv("
                + literal(local.file().toString())
                + ", "
                + readOptions(table, entry, codec)
                + ")";
        try (Statement s = connection.createStatement()) {
          rows += s.executeLargeUpdate(sql);
        } catch (SQLException e) {
          throw unreadable(batch, table, object.key(), e);
        }
      } finally {
        local.discard();
      }
    }
    if (rows != entry.rows()) {
      throw new BlackwaterException(
          ErrorCode.DATA_QUALITY,
          "table "
              + table
              + " of ingestion batch "
              + batch
              + " has "
              + rows
              + " rows in its objects, the manifest says "
              + entry.rows());
    }
    LOG.debug("staged {} rows of {}", rows, table);
    return rows;
  }

  /** The first line of the object must name the manifest's columns, in order. */
  private static void checkHeader(
      String batch, String table, String key, Path local, CsvCodec codec, List<Column> columns) {
    String header;
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                codec.decompress(Files.newInputStream(local)), StandardCharsets.UTF_8.newDecoder()),
            1 << 12)) {
      header = reader.readLine();
    } catch (IOException e) {
      throw new BlackwaterException(
          ErrorCode.DATA_QUALITY,
          "object "
              + key
              + " of ingestion batch "
              + batch
              + " is not "
              + codec.label()
              + " compressed UTF-8 CSV: "
              + e.getMessage(),
          e);
    }
    String expected =
        columns.stream()
            .map(Column::name)
            .map(SourceStaging::csvName)
            .collect(Collectors.joining(","));
    if (!expected.equals(header)) {
      throw new BlackwaterException(
          ErrorCode.DATA_QUALITY,
          "object "
              + key
              + " of ingestion batch "
              + batch
              + " starts with header '"
              + header
              + "', the manifest's columns of "
              + table
              + " are '"
              + expected
              + "'");
    }
  }

  /** A column name as PostgreSQL's CSV header writes it: quoted only when it must be. */
  private static String csvName(String name) {
    boolean plain =
        name.chars().noneMatch(ch -> ch == ',' || ch == '"' || ch == '\n' || ch == '\r');
    return plain && !name.isEmpty() ? name : "\"" + name.replace("\"", "\"\"") + "\"";
  }

  private static BlackwaterException unreadable(
      String batch, String table, String key, SQLException e) {
    String message = String.valueOf(e.getMessage());
    Matcher line = CSV_LINE.matcher(message);
    Matcher original = ORIGINAL_LINE.matcher(message);
    String where =
        line.find()
            ? " at line "
                + line.group(1)
                + (original.find() ? " ('" + original.group(1).strip() + "')" : "")
            : "";
    String reason =
        message
            .lines()
            .filter(l -> l.contains("Could not convert") || l.contains("Expected Number"))
            .findFirst()
            .orElse(message.lines().findFirst().orElse(message))
            .strip();
    return new BlackwaterException(
        ErrorCode.DATA_QUALITY,
        "cannot read "
            + table
            + " object "
            + key
            + " of ingestion batch "
            + batch
            + where
            + ": "
            + reason,
        e);
  }
}
