package dev.blackwater.transform;

import dev.blackwater.lake.LakePage;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.LakeWriter;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A real lake store whose {@link #open} waits at a gate, one per key, until the test {@link
 * #release releases} it: the test decides when each download may go on and sees which ones have
 * started.
 *
 * <p>It also tells when the downloads have {@link #awaitSettled settled}: every thread that opened
 * an object is either held at a closed gate or idle in its pool, parked waiting for a task. A pool
 * thread parks only when its pool has no task queued, so once settled, no download starts until the
 * test releases a gate or hands the pool more work. This is what lets a test see that something did
 * <em>not</em> start, without sleeping and hoping it would have by then.
 */
final class GatedLakeStore implements LakeStore {

  /** How long anything here waits before it gives up: only a broken or very slow run reaches it. */
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final LakeStore delegate;
  private final List<String> opened = new CopyOnWriteArrayList<>();
  private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
  private final Set<Thread> openers = ConcurrentHashMap.newKeySet();
  private final Map<Thread, String> heldAt = new ConcurrentHashMap<>();

  GatedLakeStore(LakeStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public URI uri() {
    return delegate.uri();
  }

  @Override
  public LakeWriter create(String key) {
    return delegate.create(key);
  }

  /** Records that {@code key} was opened, then waits until the test releases it. */
  @Override
  public InputStream open(String key) {
    Thread me = Thread.currentThread();
    openers.add(me);
    opened.add(key);
    heldAt.put(me, key);
    try {
      if (!gate(key).await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("the test never released " + key);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting to open " + key, e);
    } finally {
      heldAt.remove(me);
    }
    return delegate.open(key);
  }

  @Override
  public LakePage list(String prefix, String startAfter) {
    return delegate.list(prefix, startAfter);
  }

  @Override
  public boolean exists(String key) {
    return delegate.exists(key);
  }

  /** Lets the open of {@code key}, now or later, go on. */
  void release(String key) {
    gate(key).countDown();
  }

  /** The keys opened so far, in the order their opens began. */
  List<String> opened() {
    return List.copyOf(opened);
  }

  /** Waits until {@code key} has been opened; fails if it is not within the patience. */
  void awaitOpened(String key) {
    await(() -> opened.contains(key), () -> key + " was not opened; opened: " + opened);
  }

  /**
   * Waits until every thread that opened an object is held at a gate still closed or parked idle in
   * its thread pool; fails if that does not happen within the patience.
   */
  void awaitSettled() {
    await(this::settled, () -> "downloads did not settle; opened: " + opened);
  }

  private boolean settled() {
    for (Thread thread : openers) {
      String key = heldAt.get(thread);
      if (key != null && gate(key).getCount() > 0) {
        continue;
      }
      ThreadInfo info = THREADS.getThreadInfo(thread.threadId(), Integer.MAX_VALUE);
      if (info != null && !idleInPool(info)) {
        return false;
      }
    }
    return true;
  }

  /** Parked in {@code ThreadPoolExecutor.getTask}: the pool has no task for it. */
  private static boolean idleInPool(ThreadInfo info) {
    return info.getThreadState() == Thread.State.WAITING
        && Arrays.stream(info.getStackTrace())
            .anyMatch(
                frame ->
                    frame.getClassName().equals(ThreadPoolExecutor.class.getName())
                        && frame.getMethodName().equals("getTask"));
  }

  private CountDownLatch gate(String key) {
    return gates.computeIfAbsent(key, k -> new CountDownLatch(1));
  }

  private static void await(BooleanSupplier condition, Supplier<String> why) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(why.get());
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }
}
