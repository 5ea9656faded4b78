package dev.blackwater.totesys;

import java.util.SplittableRandom;

/** The generated columns of an address, apart from its country. */
record AddressValues(
    String line1, String line2, String district, String city, String postalCode, String phone) {

  /** An address; {@code accentedCity} forces a town name with letters outside ASCII. */
  static AddressValues random(SplittableRandom random, boolean accentedCity) {
    String line1 =
        Vocabulary.digits(random, 3 + random.nextInt(3))
            + " "
            + streetName(random)
            + " "
            + Vocabulary.pick(random, Vocabulary.STREET_SUFFIXES);
    String line2 =
        random.nextInt(100) < 35
            ? streetName(random) + " " + Vocabulary.pick(random, Vocabulary.STREET_SUFFIXES)
            : null;
    String district =
        random.nextInt(100) < 50 ? Vocabulary.pick(random, Vocabulary.DISTRICTS) : null;
    String postalCode =
        random.nextBoolean()
            ? Vocabulary.digits(random, 5)
            : Vocabulary.digits(random, 5) + "-" + Vocabulary.digits(random, 4);
    String phone = Vocabulary.digits(random, 4) + " " + Vocabulary.digits(random, 6);
    return new AddressValues(line1, line2, district, city(random, accentedCity), postalCode, phone);
  }

  private static String streetName(SplittableRandom random) {
    return Vocabulary.pick(
        random, random.nextBoolean() ? Vocabulary.LAST_NAMES : Vocabulary.FIRST_NAMES);
  }

  private static String city(SplittableRandom random, boolean accented) {
    if (accented || random.nextInt(25) == 0) {
      return Vocabulary.pick(random, Vocabulary.ACCENTED_CITIES);
    }
    String name = streetName(random);
    return switch (random.nextInt(3)) {
      case 0 -> Vocabulary.pick(random, Vocabulary.CITY_PREFIXES) + " " + name;
      case 1 -> name + Vocabulary.pick(random, Vocabulary.CITY_SUFFIXES);
      default ->
          Vocabulary.pick(random, Vocabulary.CITY_PREFIXES)
              + " "
              + name
              + Vocabulary.pick(random, Vocabulary.CITY_SUFFIXES);
    };
  }
}
