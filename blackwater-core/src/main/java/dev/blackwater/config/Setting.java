package dev.blackwater.config;

import java.util.Locale;

/**
 * One setting, named the same way everywhere: {@code --name} on the command line, {@code
 * BLACKWATER_NAME} in the environment, a Lambda function's variables and {@code .env}. The table of
 * them all is {@link Settings}; docs/configuration.md is generated from it.
 *
 * @param name the long option without its dashes, e.g. {@code overlap}
 * @param group what the setting belongs to, which decides the commands that take it
 * @param type how its value is written, for the reference
 * @param defaultValue the value when none is given, as text; null when there is none
 * @param description one or two sentences for {@code --help} and the reference
 * @param secret whether the value is a secret (never printed or logged)
 */
public record Setting(
    String name, Group group, Type type, String defaultValue, String description, boolean secret) {

  /** What a setting belongs to. */
  public enum Group {
    SOURCE("the totesys database"),
    WAREHOUSE("the warehouse database"),
    LAKE("the lake's two zones"),
    EXTRACT("extract"),
    WORK("transform and load: DuckDB and the working directory"),
    TRANSFORM("transform"),
    GC("lake clean-up: uncommitted objects that killed runs left (run, lake gc)"),
    AWS("AWS clients"),
    LAMBDA("the Lambda functions (no command takes these)"),
    LOGGING("logging (the command line; on Lambda, JSON lines always)");

    private final String title;

    Group(String title) {
      this.title = title;
    }

    /** What the group is about, for the reference. */
    public String title() {
      return title;
    }
  }

  /** How a value is written. */
  public enum Type {
    TEXT("text"),
    SECRET_TEXT("text"),
    JDBC_URL("JDBC URL"),
    ZONE("URI or path"),
    ENDPOINT("URL"),
    LIST("comma-separated names"),
    DURATION("duration (90s, 15m, 2h, PT15M)"),
    SIZE("size (512KB, 64MB, 1GB)"),
    SHARE("percentage (10%, 0.5%)"),
    COUNT("whole number"),
    CHOICE("one of the values named"),
    FLAG("true or false"),
    PATH("directory"),
    FILE("file");

    private final String text;

    Type(String text) {
      this.text = text;
    }

    /** The type as the reference names it. */
    public String text() {
      return text;
    }
  }

  /** The command-line option: {@code --overlap}. */
  public String flag() {
    return "--" + name;
  }

  /** The environment variable: {@code BLACKWATER_OVERLAP}. */
  public String variable() {
    return "BLACKWATER_" + name.replace('-', '_').toUpperCase(Locale.ROOT);
  }

  /** Both names, for messages: {@code --overlap (BLACKWATER_OVERLAP)}. */
  public String names() {
    return flag() + " (" + variable() + ")";
  }

  @Override
  public String toString() {
    return names();
  }
}
