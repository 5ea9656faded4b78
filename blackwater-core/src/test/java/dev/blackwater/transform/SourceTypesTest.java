package dev.blackwater.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackwater.error.BlackwaterException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourceTypesTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "integer|INTEGER",
        "smallint|SMALLINT",
        "bigint|BIGINT",
        "numeric|VARCHAR",
        "numeric(10,2)|DECIMAL(10,2)",
        "numeric(60,4)|VARCHAR",
        "real|FLOAT",
        "double precision|DOUBLE",
        "boolean|BOOLEAN",
        "character varying|VARCHAR",
        "character varying(3)|VARCHAR",
        "character(2)|VARCHAR",
        "text|VARCHAR",
        "jsonb|VARCHAR",
        "date|DATE",
        "timestamp without time zone|TIMESTAMP",
        "timestamp(3) without time zone|TIMESTAMP",
        "time without time zone|TIME",
        "uuid|UUID"
      })
  void readsEachPostgresTypeAsItsDuckDbType(String source, String duckDb) {
    assertThat(SourceTypes.duckDb("t", "c", source)).isEqualTo(duckDb);
  }

  @ParameterizedTest
  @CsvSource({"tsvector", "timestamp with time zone", "integer[]"})
  void refusesTypesItCannotRead(String source) {
    assertThatThrownBy(() -> SourceTypes.duckDb("t", "c", source))
        .isInstanceOf(BlackwaterException.class)
        .hasMessage("column t.c has type '" + source + "', which the transform cannot read");
  }
}
