package dev.blackwater.config;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How much memory DuckDB may use before it spills to disk: {@code 512MB}, {@code 1GB}, {@code
 * 2.5GB}.
 */
public final class MemoryLimit {

  private static final Pattern SIZE =
      Pattern.compile("\\d+(\\.\\d+)?\\s*(B|KB|MB|GB|TB|KIB|MIB|GIB|TIB)");

  private MemoryLimit() {}

  /**
   * The limit in DuckDB's notation, upper case without spaces.
   *
   * @throws BlackwaterException CONFIGURATION when it is not a size
   */
  public static String normalize(String limit) {
    if (limit == null || !SIZE.matcher(limit.trim().toUpperCase(Locale.ROOT)).matches()) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION,
          "the memory limit '" + limit + "' is not a size (examples: 512MB, 1GB, 2.5GB)");
    }
    return limit.trim().toUpperCase(Locale.ROOT).replace(" ", "");
  }
}
