package dev.blackwater.totesys;

import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The generated columns of a design. Its file is named after the material, the day the file was
 * made ({@code fileAgeDays} before the design was created) and a four-letter tag, e.g. {@code
 * wooden-20220717-npgz.json}.
 */
record DesignValues(String name, String fileLocation, int fileAgeDays, String fileTag) {

  static DesignValues random(SplittableRandom random) {
    return new DesignValues(
        Vocabulary.pick(random, Vocabulary.DESIGN_NAMES),
        Vocabulary.pick(random, Vocabulary.FILE_LOCATIONS),
        random.nextInt(450),
        Vocabulary.letters(random, Vocabulary.FILE_TAG_LETTERS, 4));
  }

  /** The part of the file name before the date, e.g. {@code wooden-}. */
  String fileNamePrefix() {
    return name.toLowerCase(Locale.ROOT) + "-";
  }

  /** The part of the file name after the date, e.g. {@code -npgz.json}. */
  String fileNameSuffix() {
    return "-" + fileTag + ".json";
  }

  /** The file name of a design created on {@code createdEpochDay}. */
  String fileName(long createdEpochDay) {
    LocalDate made = LocalDate.ofEpochDay(createdEpochDay - fileAgeDays);
    return String.format(
        Locale.ROOT,
        "%s%04d%02d%02d%s",
        fileNamePrefix(),
        made.getYear(),
        made.getMonthValue(),
        made.getDayOfMonth(),
        fileNameSuffix());
  }
}
