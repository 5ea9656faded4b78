package dev.blackwater.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackwater.config.DeleteSettings;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/** How a table's keys now compare with what the lake knew, and when that is too much at once. */
class KeyChangeTest {

  private static final Fingerprint PRINT = new Fingerprint(16384, 7);

  private static RoaringBitmap keys(int... keys) {
    return RoaringBitmap.bitmapOf(keys);
  }

  private static LiveKeys known(RoaringBitmap alive, RoaringBitmap deleted) {
    return new LiveKeys(alive, deleted, PRINT);
  }

  @Test
  void aFirstCheckOnlyLearnsTheKeys() {
    KeyChange first = new KeyChange("t", null, keys(1, 2, 3), PRINT);
    assertThat(first.vanished().isEmpty()).isTrue();
    assertThat(first.changed()).isTrue();
    assertThat(first.after()).isEqualTo(new LiveKeys(keys(1, 2, 3), keys(), PRINT));
  }

  @Test
  void keysReadInFullTellWhatVanishedAndWhatCameBack() {
    LiveKeys before = known(keys(1, 2, 3, 4), keys(9));
    KeyChange change = new KeyChange("t", before, keys(1, 3, 4, 9, 10), new Fingerprint(16384, 9));
    assertThat(change.vanished()).isEqualTo(keys(2));
    assertThat(change.revived()).isEqualTo(keys(9));
    assertThat(change.after())
        .isEqualTo(new LiveKeys(keys(1, 3, 4, 9, 10), keys(2), new Fingerprint(16384, 9)));
  }

  @Test
  void withoutADeletionCountedTheKeysAreNotReadAndTheBatchsKeysAreAdded() {
    LiveKeys before = known(keys(1, 2), keys(5));
    assertThat(KeyChange.mustRead(before, true, PRINT)).isFalse();
    assertThat(KeyChange.mustRead(before, true, new Fingerprint(16384, 8))).as("a delete").isTrue();
    assertThat(KeyChange.mustRead(before, true, new Fingerprint(20000, 7)))
        .as("a truncate")
        .isTrue();
    assertThat(KeyChange.mustRead(before, true, null)).as("no statistics").isTrue();
    assertThat(KeyChange.mustRead(null, true, PRINT)).as("nothing known").isTrue();
    assertThat(KeyChange.mustRead(before, false, null))
        .as("a batch not due for a check only adds its keys")
        .isFalse();
    assertThat(KeyChange.mustRead(null, false, null)).as("but learns them first").isTrue();

    KeyChange change = new KeyChange("t", before, null, PRINT);
    change.add(keys(3, 5));
    assertThat(change.vanished().isEmpty()).isTrue();
    assertThat(change.revived()).as("a deleted key extracted again is back").isEqualTo(keys(5));
    assertThat(change.after()).isEqualTo(new LiveKeys(keys(1, 2, 3, 5), keys(), PRINT));
  }

  @Test
  void aKeyAddedBetweenFullReadsAndThenDeletedIsStillFound() {
    KeyChange second = new KeyChange("t", known(keys(1, 2), keys()), null, PRINT);
    second.add(keys(3));
    KeyChange third = new KeyChange("t", second.after(), keys(1, 2), new Fingerprint(16384, 8));
    assertThat(third.vanished()).isEqualTo(keys(3));
  }

  @Test
  void aBatchNotDueKeepsTheFingerprintSoTheNextDueOneStillSeesTheDeletion() {
    KeyChange notDue = new KeyChange("t", known(keys(1, 2), keys()), null, null);
    notDue.add(keys(3));
    assertThat(notDue.after()).isEqualTo(new LiveKeys(keys(1, 2, 3), keys(), PRINT));
    Fingerprint deleted = new Fingerprint(16384, 8);
    assertThat(KeyChange.mustRead(notDue.after(), true, deleted)).isTrue();
    assertThat(new KeyChange("t", notDue.after(), keys(1, 2), deleted).vanished())
        .isEqualTo(keys(3));
  }

  @Test
  void nothingNewChangesNothing() {
    KeyChange same = new KeyChange("t", known(keys(1, 2), keys(4)), keys(1, 2), PRINT);
    assertThat(same.changed()).isFalse();
  }

  @Test
  void theGuardRefusesMoreThanTheShareOrAnEmptiedTableUnlessAllowed() {
    RoaringBitmap ten = new RoaringBitmap();
    ten.add(1L, 11L);
    KeyChange oneOfTen =
        new KeyChange("a", known(ten, keys()), RoaringBitmap.andNot(ten, keys(1)), PRINT);
    KeyChange twoOfTen =
        new KeyChange("b", known(ten, keys()), RoaringBitmap.andNot(ten, keys(1, 2)), PRINT);
    KeyChange emptied = new KeyChange("c", known(keys(1), keys()), keys(), PRINT);
    DeleteSettings settings = DeleteSettings.defaults();

    KeyCheck.guard(List.of(oneOfTen), settings);
    Assertions.assertThatThrownBy(
            () -> KeyCheck.guard(List.of(oneOfTen, twoOfTen, emptied), settings))
        .isInstanceOfSatisfying(
            BlackwaterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MASS_DELETE))
        .hasMessageContaining("b: 2 of 10 keys (20.0%)")
        .hasMessageContaining("c: 1 of 1 keys (100.0%), the table is empty")
        .hasMessageNotContaining("a: ");
    KeyCheck.guard(List.of(twoOfTen, emptied), settings.withAllowMassDelete(true));
  }

  @Test
  void theKeysObjectReadsBack() {
    LiveKeys keys = new LiveKeys(keys(1, 2, 3, 1_000_000), keys(7), PRINT);
    assertThat(LiveKeys.read("k", keys.write())).isEqualTo(keys);
    LiveKeys unprinted = new LiveKeys(keys(1), keys(), null);
    assertThat(LiveKeys.read("k", unprinted.write())).isEqualTo(unprinted);
    Assertions.assertThatThrownBy(() -> LiveKeys.read("_keys/x", new byte[] {1, 2, 3}))
        .hasMessageContaining("_keys/x cannot be read");
  }
}
