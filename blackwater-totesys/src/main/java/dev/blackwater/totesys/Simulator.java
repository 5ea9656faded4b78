package dev.blackwater.totesys;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes a seeded totesys the way the live application does, one short transaction per change: new
 * orders with their transaction and payment, payments marked paid, order amendments, and now and
 * then a department renamed, an address changed, a new design or staff member (see {@link
 * ChangeKind} for the mix). Every changed row gets {@code last_updated} from the database clock, or
 * from the clock the simulator was given (so that a demo on a test's clock continues a history
 * seeded up to that clock's day); which changes are made, and their values, follow from the seed
 * and the database's contents.
 */
public final class Simulator {

  private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);

  private final Optional<Clock> clock;

  /** A simulator that stamps its changes with the database clock, as the application does. */
  public Simulator() {
    this.clock = Optional.empty();
  }

  /** A simulator that stamps its changes with {@code clock}, whatever the database's says. */
  public Simulator(Clock clock) {
    this.clock = Optional.of(clock);
  }

  /**
   * Makes {@code options.changes()} changes.
   *
   * @throws TotesysException {@code SCHEMA_MISSING} if a table is missing or holds no rows (the
   *     database was not seeded)
   */
  public SimulateResult simulate(Connection connection, SimulateOptions options)
      throws SQLException {
    long started = System.nanoTime();
    TotesysSchema.requireTables(connection);
    List<String> empty = TotesysSchema.emptyTables(connection);
    if (!empty.isEmpty()) {
      throw new TotesysException(
          TotesysException.Kind.SCHEMA_MISSING,
          "totesys is not seeded: no rows in "
              + String.join(", ", empty)
              + " (run `blackwater totesys seed` first)");
    }
    Map<ChangeKind, Integer> counts = new EnumMap<>(ChangeKind.class);
    try (Changes changes = Changes.on(connection, clock)) {
      for (int i = 0; i < options.changes(); i++) {
        SplittableRandom random = RowRandom.of(options.seed(), RowRandom.Stream.SIMULATION, i);
        ChangeKind planned = ChangeMix.kindAt(i, options.changes(), random);
        ChangeKind made = JdbcTransaction.run(connection, () -> changes.apply(planned, random));
        counts.merge(made, 1, Integer::sum);
      }
    }
    SimulateResult result =
        new SimulateResult(counts, Duration.ofNanos(System.nanoTime() - started));
    LOG.info("simulated {} changes in {}: {}", result.total(), result.duration(), counts);
    return result;
  }
}
