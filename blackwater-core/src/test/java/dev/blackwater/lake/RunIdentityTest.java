package dev.blackwater.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunIdentityTest {

  private static final long ME = ProcessHandle.current().pid();

  @Test
  void aClaimOfAFinishedProcessOnThisHostIsProvedDead() throws Exception {
    long finished = finishedPid();

    assertThat(new RunIdentity("host-a/boot-1", ME).provesDead(claim("host-a/boot-1", finished)))
        .isTrue();
    assertThat(new RunIdentity("host-a/boot-1", ME).provesDead(claim("host-a/boot-1", ME)))
        .as("this very process")
        .isFalse();
    assertThat(new RunIdentity("host-a/boot-1", ME).provesDead(claim("host-b/boot-1", finished)))
        .as("another host")
        .isFalse();
  }

  @Test
  void aProcessThatCannotNameItsHostProvesNothing() throws Exception {
    long finished = finishedPid();

    assertThat(new RunIdentity("unknown/boot-1", ME).provesDead(claim("unknown/boot-1", finished)))
        .isFalse();
  }

  @Test
  void thisProcessNamesItsHost() {
    RunIdentity current = RunIdentity.current();

    assertThat(current.host()).isNotBlank();
    assertThat(current.pid()).isEqualTo(ME);
  }

  private static Claim claim(String host, long pid) {
    return new Claim(
        "000001-20261127T100000Z", "r", host, pid, Instant.parse("2026-11-27T10:00:00Z"));
  }

  private static long finishedPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }
}
