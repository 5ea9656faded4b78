package dev.blackwater.lake;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** Who is running: this host's name and this process's id, to tell live claims from dead ones. */
public record RunIdentity(String host, long pid) {

  /** This process. */
  public static RunIdentity current() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown");
    }
    return new RunIdentity(host, ProcessHandle.current().pid());
  }

  /** Whether a claim made on this host by a process that no longer runs. */
  public boolean provesDead(Claim claim) {
    return host.equals(claim.host())
        && claim.pid() != pid
        && ProcessHandle.of(claim.pid()).map(p -> !p.isAlive()).orElse(true);
  }
}
