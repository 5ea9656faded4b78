package dev.blackwater.cli.bench;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** The peak heap used during a measured stage: the sum of the heap pools' peaks since reset. */
final class HeapWatch {

  private HeapWatch() {}

  @SuppressFBWarnings(
      value = "DM_GC",
      justification = "benchmark: collect garbage before measuring so the peak is the stage's own")
  static void reset() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  static long peakBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  static long maxHeapBytes() {
    return Runtime.getRuntime().maxMemory();
  }
}
