package dev.blackwater.lake;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real lake store with hooks for fault tests: writes (and opens, 100 times as long) can be slowed
 * down, and a run can be held just before its claim so that two runs race for the same batch
 * number.
 */
public final class SlowLakeStore extends ForwardingLakeStore {

  private final long sleepMillisPerWrite;
  private final CountDownLatch claimGate;
  private final boolean hangAfterClaim;

  public SlowLakeStore(
      LakeStore delegate,
      long sleepMillisPerWrite,
      CountDownLatch claimGate,
      boolean hangAfterClaim) {
    super(delegate);
    this.sleepMillisPerWrite = sleepMillisPerWrite;
    this.claimGate = claimGate;
    this.hangAfterClaim = hangAfterClaim;
  }

  @Override
  public LakeWriter create(String key) {
    boolean claim = key.startsWith(BatchLog.CLAIMS);
    if (claim && claimGate != null) {
      claimGate.countDown();
      await(claimGate);
    }
    LakeWriter real = delegate.create(key);
    return new LakeWriter(key) {
      @Override
      protected void writeContent(byte[] b, int off, int len) throws IOException {
        pause(sleepMillisPerWrite);
        real.write(b, off, len);
      }

      @Override
      protected void publish() throws IOException {
        real.commit();
        if (claim && hangAfterClaim) {
          pause(Long.MAX_VALUE);
        }
      }

      @Override
      protected void discard() throws IOException {
        real.close();
      }
    };
  }

  @Override
  public InputStream open(String key) {
    pause(sleepMillisPerWrite * 100);
    return delegate.open(key);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void pause(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
