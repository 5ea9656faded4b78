package dev.blackwater.cli.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blackwater.cli.TextTable;
import dev.blackwater.iceberg.LakeSql.Answer;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;

/** How {@code query} prints an answer. */
enum ResultFormat {
  /** Aligned columns, numbers to the right, then the row count. */
  TABLE {
    @Override
    String print(Answer answer) {
      if (answer.columns().isEmpty()) {
        return "OK";
      }
      String[] headers = new String[answer.columns().size()];
      for (int i = 0; i < headers.length; i++) {
        boolean numeric = !answer.rows().isEmpty() && answer.rows().get(0).get(i) instanceof Number;
        headers[i] = (numeric ? ">" : "") + answer.columns().get(i);
      }
      TextTable table = new TextTable(headers);
      for (List<Object> row : answer.rows()) {
        table.row(row.stream().map(v -> v == null ? "NULL" : text(v)).toArray());
      }
      int n = answer.rows().size();
      return table + "\n(" + n + " row" + (n == 1 ? "" : "s") + ")";
    }
  },
  /** RFC 4180, with a header; NULL is an empty field. */
  CSV {
    @Override
    String print(Answer answer) {
      StringBuilder out = new StringBuilder();
      out.append(String.join(",", answer.columns().stream().map(ResultFormat::csv).toList()));
      for (List<Object> row : answer.rows()) {
        out.append('\n');
        out.append(String.join(",", row.stream().map(v -> v == null ? "" : csv(text(v))).toList()));
      }
      return out.toString();
    }
  },
  /** An array of objects, one per row; numbers and booleans as such, the rest as strings. */
  JSON {
    @Override
    String print(Answer answer) {
      ArrayNode rows = MAPPER.createArrayNode();
      for (List<Object> row : answer.rows()) {
        ObjectNode o = rows.addObject();
        for (int i = 0; i < row.size(); i++) {
          String name = answer.columns().get(i);
          Object v = row.get(i);
          if (v == null) {
            o.putNull(name);
          } else if (v instanceof BigDecimal d) {
            o.put(name, d);
          } else if (v instanceof Long || v instanceof Integer || v instanceof Short) {
            o.put(name, ((Number) v).longValue());
          } else if (v instanceof Double || v instanceof Float) {
            o.put(name, ((Number) v).doubleValue());
          } else if (v instanceof java.math.BigInteger b) {
            o.put(name, b);
          } else if (v instanceof Boolean b) {
            o.put(name, b);
          } else {
            o.put(name, text(v));
          }
        }
      }
      try {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(rows);
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  private static final ObjectMapper MAPPER = new ObjectMapper();

  abstract String print(Answer answer);

  private static String text(Object value) {
    return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
  }

  private static String csv(String field) {
    if (field.contains(",") || field.contains("\"") || field.contains("\n")) {
      return "\"" + field.replace("\"", "\"\"") + "\"";
    }
    return field;
  }
}
