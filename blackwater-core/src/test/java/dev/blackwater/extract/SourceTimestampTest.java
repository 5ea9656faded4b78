package dev.blackwater.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourceTimestampTest {

  @ParameterizedTest
  @CsvSource({
    "2022-11-03 14:20:52.186, 2022-11-03T14:20:52.186",
    "2022-11-03 14:20:52, 2022-11-03T14:20:52",
    "2022-11-03 14:20:52.1, 2022-11-03T14:20:52.1",
    "2024-02-29 23:59:59.999999, 2024-02-29T23:59:59.999999",
    "1969-12-31 23:59:59.5, 1969-12-31T23:59:59.5"
  })
  void convertsBetweenMicrosManifestAndSqlText(String text, String expected) {
    LocalDateTime t = LocalDateTime.parse(expected);
    long micros = t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1000;

    assertThat(SourceTimestamp.toLocal(micros)).isEqualTo(t);
    assertThat(SourceTimestamp.parseIso(SourceTimestamp.iso(micros))).isEqualTo(micros);
    assertThat(SourceTimestamp.sql(micros)).startsWith(text.substring(0, 19));
  }

  @org.junit.jupiter.api.Test
  void namesABadManifestWatermark() {
    assertThatThrownBy(() -> SourceTimestamp.parseIso("yesterday"))
        .hasMessageContaining("yesterday");
  }
}
