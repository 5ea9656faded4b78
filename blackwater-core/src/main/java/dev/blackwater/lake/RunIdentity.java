package dev.blackwater.lake;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Who is running: this host's name and this process's id, to tell live claims from dead ones. */
public record RunIdentity(String host, long pid) {

  /**
   * This process. The host is its name plus, where Linux tells it, the kernel's boot id: two
   * machines (or two Lambda micro-VMs) that share a host name still differ.
   */
  public static RunIdentity current() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown";
    }
    try {
      Path bootId = Path.of("/proc/sys/kernel/random/boot_id");
      if (Files.isReadable(bootId)) {
        host = host + "/" + Files.readString(bootId).strip();
      }
    } catch (IOException e) {
      // no boot id: the host name alone
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
