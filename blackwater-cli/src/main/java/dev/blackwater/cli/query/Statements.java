package dev.blackwater.cli.query;

import java.util.ArrayList;
import java.util.List;

/** Splits SQL text into statements at semicolons outside quotes and comments. */
final class Statements {

  private Statements() {}

  static List<String> split(String text) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    char quote = 0;
    boolean lineComment = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (lineComment) {
        lineComment = c != '\n';
      } else if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-') {
        lineComment = true;
      } else if (c == ';') {
        add(statements, current);
        current.setLength(0);
        continue;
      }
      current.append(c);
    }
    add(statements, current);
    return statements;
  }

  private static void add(List<String> statements, StringBuilder statement) {
    String s = statement.toString().strip();
    if (!s.isEmpty()
        && !s.lines().allMatch(l -> l.strip().isEmpty() || l.strip().startsWith("--"))) {
      statements.add(s);
    }
  }
}
