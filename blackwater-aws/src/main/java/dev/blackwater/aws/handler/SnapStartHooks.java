package dev.blackwater.aws.handler;

import java.util.List;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a handler redoes after a SnapStart restore, as a CRaC resource (Lambda's runtime implements
 * the {@code org.crac} API). A snapshot is taken after the constructor: by construction it holds no
 * database connection (the stages open theirs per run and close them), no secret (credentials are
 * read on first use) and no random state of ours; these hooks drop anything read before the
 * snapshot anyway, so that priming, if ever added, cannot leak into restored copies. CRaC keeps
 * only a weak reference: the handler holds the hooks in a field.
 */
final class SnapStartHooks implements Resource {

  private static final Logger LOG = LoggerFactory.getLogger(SnapStartHooks.class);

  private final List<Runnable> afterRestore;

  private SnapStartHooks(List<Runnable> afterRestore) {
    this.afterRestore = List.copyOf(afterRestore);
  }

  /** Registers hooks that run, in order, after each restore. */
  static SnapStartHooks register(Runnable... afterRestore) {
    SnapStartHooks hooks = new SnapStartHooks(List.of(afterRestore));
    Core.getGlobalContext().register(hooks);
    return hooks;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    LOG.info("taking a SnapStart snapshot");
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    afterRestore.forEach(Runnable::run);
    LOG.info("restored from a SnapStart snapshot: cached credentials dropped");
  }
}
