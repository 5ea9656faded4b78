package dev.blackwater.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Byte sizes as {@code 512}, {@code 64KB}, {@code 64MB}, {@code 1GB} (powers of 1024). */
public final class SizeConverter implements ITypeConverter<Long> {

  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|B|KB|KIB|MB|MIB|GB|GIB)");

  @Override
  public Long convert(String value) {
    Matcher m = SIZE.matcher(value.trim().toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      throw new TypeConversionException(
          "'" + value + "' is not a size (examples: 512KB, 64MB, 1GB)");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "KB", "KIB" -> n << 10;
      case "MB", "MIB" -> n << 20;
      case "GB", "GIB" -> n << 30;
      default -> n;
    };
  }
}
