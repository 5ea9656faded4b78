package dev.blackwater.cli.query;

import dev.blackwater.cli.Composition;
import dev.blackwater.cli.TakesSettings;
import dev.blackwater.config.Configuration;
import dev.blackwater.config.Setting;
import dev.blackwater.config.Setting.Group;
import dev.blackwater.config.Settings;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.iceberg.LakeSql;
import dev.blackwater.iceberg.LakeTables;
import dev.blackwater.pipeline.Blackwater;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code blackwater query}. */
@Command(
    name = "query",
    description = {
      "Run SQL over the lake's current snapshot with DuckDB, by the warehouse's names: the 11",
      "tables (facts: every version; dimensions: the newest version of each key) and the",
      "*_current views. Reads the files the Iceberg tables' current snapshots name, never a",
      "folder. Without SQL: statements from standard input, or, on a terminal (or with",
      "--interactive), a prompt that runs each statement ending in ';' (.quit to leave)."
    })
public final class QueryCommand implements Callable<Integer>, TakesSettings {

  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "SQL", description = "The statement to run.")
  String sql;

  @Option(names = "--format", paramLabel = "FORMAT", description = "table (default), csv or json.")
  ResultFormat format = ResultFormat.TABLE;

  @Option(names = "--interactive", description = "Prompt for statements, even off a terminal.")
  boolean interactive;

  @Override
  public List<Setting> settings() {
    return Settings.of(Group.LAKE, Group.WORK, Group.AWS);
  }

  @Override
  public Integer call() {
    Composition composition = Composition.of(spec);
    Configuration configuration = composition.configuration(spec);
    Blackwater blackwater = composition.blackwater(spec);
    LakeTables tables = blackwater.requireLakeTables();
    tables.catchUp();
    PrintWriter out = spec.commandLine().getOut();
    try (LakeSql lake =
        LakeSql.open(
            tables,
            blackwater.processed(),
            configuration.transform().memoryLimit(),
            configuration.transform().tempDirectory())) {
      if (sql != null) {
        out.println(format.print(lake.query(sql)));
        return 0;
      }
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      if (interactive || System.console() != null) {
        prompt(lake, in, out);
      } else {
        for (String statement : Statements.split(read(in))) {
          out.println(format.print(lake.query(statement)));
        }
      }
      return 0;
    }
  }

  private void prompt(LakeSql lake, BufferedReader in, PrintWriter out) {
    PrintWriter err = spec.commandLine().getErr();
    StringBuilder statement = new StringBuilder();
    while (true) {
      err.print(statement.isEmpty() ? "blackwater> " : "        ...> ");
      err.flush();
      String line;
      try {
        line = in.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (line == null || (statement.isEmpty() && line.strip().equals(".quit"))) {
        return;
      }
      statement.append(line).append('\n');
      if (!line.strip().endsWith(";")) {
        continue;
      }
      try {
        out.println(format.print(lake.query(statement.toString())));
      } catch (BlackwaterException e) {
        err.println(e.getMessage());
      }
      out.flush();
      statement.setLength(0);
    }
  }

  private static String read(BufferedReader in) {
    StringBuilder text = new StringBuilder();
    try {
      String line;
      while ((line = in.readLine()) != null) {
        text.append(line).append('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }
}
