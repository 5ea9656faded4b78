package dev.blackwater.verify;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Every check of a {@code verify} run. */
public record VerifyReport(List<Check> checks) {

  /** Whether every check passed. */
  @JsonProperty
  public boolean ok() {
    return checks.stream().allMatch(Check::ok);
  }

  /** The checks that failed. */
  public List<Check> failures() {
    return checks.stream().filter(c -> !c.ok()).toList();
  }
}
