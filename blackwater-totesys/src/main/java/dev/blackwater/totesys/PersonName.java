package dev.blackwater.totesys;

import java.util.Locale;
import java.util.SplittableRandom;

/** A generated person: staff member, department manager or counterparty contact. */
record PersonName(String first, String last) {

  static final String EMAIL_DOMAIN = "@terrifictotes.com";

  /** A name; one in twelve has an apostrophe in the last name. */
  static PersonName random(SplittableRandom random) {
    String first = Vocabulary.pick(random, Vocabulary.FIRST_NAMES);
    return new PersonName(first, lastName(random, random.nextInt(12) == 0));
  }

  /** A name whose last name has an apostrophe. */
  static PersonName withApostrophe(SplittableRandom random) {
    String first = Vocabulary.pick(random, Vocabulary.FIRST_NAMES);
    return new PersonName(first, lastName(random, true));
  }

  /**
   * A contact as written in the counterparty table: sometimes a title or a suffix, sometimes a
   * first name with letters outside ASCII ({@code accented} forces one).
   */
  static String contact(SplittableRandom random, boolean accented) {
    String first =
        accented || random.nextInt(15) == 0
            ? Vocabulary.pick(random, Vocabulary.ACCENTED_FIRST_NAMES)
            : Vocabulary.pick(random, Vocabulary.FIRST_NAMES);
    String name = first + " " + lastName(random, random.nextInt(12) == 0);
    int decoration = random.nextInt(100);
    if (decoration < 12) {
      return Vocabulary.pick(random, Vocabulary.NAME_PREFIXES) + " " + name;
    }
    if (decoration < 22) {
      return name + " " + Vocabulary.pick(random, Vocabulary.NAME_SUFFIXES);
    }
    return name;
  }

  private static String lastName(SplittableRandom random, boolean apostrophe) {
    return Vocabulary.pick(
        random, apostrophe ? Vocabulary.APOSTROPHE_LAST_NAMES : Vocabulary.LAST_NAMES);
  }

  String fullName() {
    return first + " " + last;
  }

  /** {@code first.last@terrifictotes.com} in lower case, apostrophes kept as in the source. */
  String email() {
    return (first + "." + last).toLowerCase(Locale.ROOT) + EMAIL_DOMAIN;
  }
}
