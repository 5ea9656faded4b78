package dev.blackwater.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class BlackwaterExceptionTest {

  @Test
  void firstLineIsTheFirstNonBlankLineStripped() {
    assertThat(
            BlackwaterException.firstLine(
                new SQLException("\n  Binder Error: no x  \nLINE 1: ...")))
        .isEqualTo("Binder Error: no x");
    assertThat(BlackwaterException.firstLine("one line")).isEqualTo("one line");
  }

  @Test
  void aFailureWithoutMessageIsNamedByItsClass() {
    assertThat(BlackwaterException.firstLine(new IllegalStateException()))
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(BlackwaterException.firstLine((String) null)).isEqualTo("unknown error");
    assertThat(BlackwaterException.firstLine(" \n ")).isEqualTo("unknown error");
  }
}
