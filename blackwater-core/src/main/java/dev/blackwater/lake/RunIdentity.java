package dev.blackwater.lake;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Who is running: this host's name and this process's id, to tell live claims from dead ones. */
public record RunIdentity(String host, long pid) {

  private static final String UNKNOWN = "unknown";

  /**
   * This process. The host is its name plus, where Linux tells it, the kernel's boot id: two
   * machines (or two Lambda micro-VMs) that share a host name still differ.
   */
  public static RunIdentity current() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = kernelHostName();
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

  /** The UTS namespace's host name (a container's own), or {@link #UNKNOWN}. */
  private static String kernelHostName() {
    try {
      Path name = Path.of("/proc/sys/kernel/hostname");
      if (Files.isReadable(name)) {
        String value = Files.readString(name).strip();
        if (!value.isEmpty()) {
          return value;
        }
      }
    } catch (IOException e) {
      // fall through
    }
    return UNKNOWN;
  }

  /**
   * Whether a claim made on this host by a process that no longer runs. A process that cannot name
   * its host proves nothing: another container of the same kernel could hold the claim.
   */
  public boolean provesDead(Claim claim) {
    return !host.equals(UNKNOWN)
        && !host.startsWith(UNKNOWN + "/")
        && host.equals(claim.host())
        && claim.pid() != pid
        && ProcessHandle.of(claim.pid()).map(p -> !p.isAlive()).orElse(true);
  }
}
