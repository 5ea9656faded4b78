package dev.blackwater.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsvFieldsTest {

  private static String[] pick(String row, int... positions) {
    byte[] bytes = row.getBytes(StandardCharsets.UTF_8);
    return CsvFields.pick(bytes, bytes.length, positions);
  }

  @Test
  void picksPlainFields() {
    assertThat(pick("1,abc,2022-11-03 14:20:52.186\n", 0, 2))
        .containsExactly("1", "2022-11-03 14:20:52.186");
  }

  @Test
  void handlesQuotedFieldsWithCommasQuotesAndNewlines() {
    String row = "7,\"O'Keefe, \"\"Jr\"\"\nline two\",,\"\",é ü,2024-01-01 00:00:00\n";
    assertThat(pick(row, 0, 1, 2, 3, 4, 5))
        .containsExactly("7", "O'Keefe, \"Jr\"\nline two", "", "", "é ü", "2024-01-01 00:00:00");
  }

  @Test
  void aShortRowLeavesMissingFieldsNull() {
    assertThat(pick("1,2\n", 0, 5)).containsExactly("1", null);
  }

  @Test
  void worksWithoutATrailingNewline() {
    assertThat(pick("a,\"b\"", 1)).containsExactly("b");
  }
}
