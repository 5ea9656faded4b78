package dev.blackwater.lake;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real lake store for the crash tests that stops a run in the middle of one of its writes: the
 * {@code haltAt}-th object it creates gets its first bytes onto disk (a killed writer's temporary
 * file), then {@value #HALTED} and the key are printed and the writing thread waits, for ever (to
 * be killed with {@code kill -9}) or until the file {@code release} appears (a run that goes on).
 */
public final class HaltingLakeStore extends ForwardingLakeStore {

  /** What the halted run prints, followed by the number of the write and its key. */
  public static final String HALTED = "HALTED AT WRITE";

  private final int haltAt;
  private final Path release;
  private final PrintStream out;
  private final String counted;
  private final AtomicInteger writes = new AtomicInteger();

  /**
   * @param release the file whose appearance lets the halted write go on, or null for never
   */
  public HaltingLakeStore(LakeStore delegate, int haltAt, Path release, PrintStream out) {
    this(delegate, haltAt, release, out, "");
  }

  /**
   * @param counted only writes of keys starting with it count (e.g. {@code _iceberg/})
   */
  public HaltingLakeStore(
      LakeStore delegate, int haltAt, Path release, PrintStream out, String counted) {
    super(delegate);
    this.haltAt = haltAt;
    this.release = release;
    this.out = out;
    this.counted = counted;
  }

  @Override
  public LakeWriter create(String key) {
    LakeWriter real = delegate.create(key);
    if (!key.startsWith(counted)) {
      return real;
    }
    int number = writes.incrementAndGet();
    if (number != haltAt) {
      return real;
    }
    return new LakeWriter(key) {
      private boolean halted;

      @Override
      protected void writeContent(byte[] b, int off, int len) throws IOException {
        real.write(b, off, len);
        real.flush();
        halt();
      }

      @Override
      protected void publish() throws IOException {
        halt();
        real.commit();
      }

      @Override
      protected void discard() throws IOException {
        real.close();
      }

      private void halt() {
        if (halted) {
          return;
        }
        halted = true;
        out.println(HALTED + " " + number + ": " + key);
        out.flush();
        while (release == null || !Files.exists(release)) {
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    };
  }
}
