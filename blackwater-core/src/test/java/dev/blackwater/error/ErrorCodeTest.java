package dev.blackwater.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

  @Test
  void classifiesAFailureTheSameWayForEveryCaller() {
    assertThat(ErrorCode.of(new BlackwaterException(ErrorCode.CONCURRENCY, "taken")))
        .isEqualTo(ErrorCode.CONCURRENCY);
    assertThat(ErrorCode.of(new UncheckedIOException(new IOException("No space left on device"))))
        .isEqualTo(ErrorCode.CONNECTION);
    assertThat(ErrorCode.of(new IllegalStateException("a bug"))).isEqualTo(ErrorCode.INTERNAL);
  }

  @Test
  void exitCodesAreDistinctPerKind() {
    assertThat(java.util.Arrays.stream(ErrorCode.values()).map(ErrorCode::exitCode))
        .doesNotHaveDuplicates()
        .containsExactly(1, 2, 3, 4, 5, 6, 7);
  }
}
