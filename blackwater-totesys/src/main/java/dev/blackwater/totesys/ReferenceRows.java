package dev.blackwater.totesys;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The generated lookup tables: address, currency, department, design, payment type, counterparty
 * and staff. A few rows are forced so that every seed has the awkward values a pipeline must
 * survive: a legal name with commas (counterparty 2), a contact with letters outside ASCII
 * (counterparty 4), a town with letters outside ASCII (address 3) and a staff member with an
 * apostrophe in the name (staff 17). The 30 addresses use exactly 29 countries.
 */
final class ReferenceRows {

  static final String ADDRESS_COLUMNS =
      "address_id, address_line_1, address_line_2, district, city, postal_code, country, phone,"
          + " created_at, last_updated";
  static final String CURRENCY_COLUMNS = "currency_id, currency_code, created_at, last_updated";
  static final String DEPARTMENT_COLUMNS =
      "department_id, department_name, location, manager, created_at, last_updated";
  static final String DESIGN_COLUMNS =
      "design_id, created_at, design_name, file_location, file_name, last_updated";
  static final String PAYMENT_TYPE_COLUMNS =
      "payment_type_id, payment_type_name, created_at, last_updated";
  static final String COUNTERPARTY_COLUMNS =
      "counterparty_id, counterparty_legal_name, legal_address_id, commercial_contact,"
          + " delivery_contact, created_at, last_updated";
  static final String STAFF_COLUMNS =
      "staff_id, first_name, last_name, department_id, email_address, created_at, last_updated";

  private static final int COMMA_COUNTERPARTY = 1;
  private static final int ACCENTED_COUNTERPARTY = 3;
  private static final int ACCENTED_ADDRESS = 2;
  private static final int APOSTROPHE_STAFF = 16;

  private final long seed;
  private final Volumes volumes;
  private final WorkingHours calendar;

  ReferenceRows(long seed, Volumes volumes, WorkingHours calendar) {
    this.seed = seed;
    this.volumes = volumes;
    this.calendar = calendar;
  }

  void addresses(CopyRowWriter out) throws IOException {
    List<String> countries = countries();
    for (int i = 0; i < Volumes.ADDRESSES; i++) {
      SplittableRandom random = RowRandom.of(seed, RowRandom.Stream.ADDRESS, i);
      AddressValues address = AddressValues.random(random, i == ACCENTED_ADDRESS);
      String country = countries.get(i < Volumes.COUNTRIES ? i : random.nextInt(Volumes.COUNTRIES));
      out.integer(i + 1L)
          .text(address.line1())
          .text(address.line2())
          .text(address.district())
          .text(address.city())
          .text(address.postalCode())
          .text(country)
          .text(address.phone());
      created(out, calendar.referenceCreated());
    }
  }

  /** The 29 countries of this seed, in a seed-dependent order. */
  private List<String> countries() {
    SplittableRandom random = RowRandom.of(seed, RowRandom.Stream.COUNTRIES, 0);
    List<String> all = new ArrayList<>(Vocabulary.COUNTRIES);
    for (int i = all.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      String swap = all.get(i);
      all.set(i, all.get(j));
      all.set(j, swap);
    }
    return all.subList(0, Volumes.COUNTRIES);
  }

  void currencies(CopyRowWriter out) throws IOException {
    fixed(out, Vocabulary.CURRENCIES);
  }

  void paymentTypes(CopyRowWriter out) throws IOException {
    fixed(out, Vocabulary.PAYMENT_TYPES);
  }

  private void fixed(CopyRowWriter out, List<String> names) throws IOException {
    for (int i = 0; i < names.size(); i++) {
      out.integer(i + 1L).text(names.get(i));
      created(out, calendar.referenceCreated());
    }
  }

  void departments(CopyRowWriter out) throws IOException {
    for (int i = 0; i < Vocabulary.DEPARTMENTS.size(); i++) {
      SplittableRandom random = RowRandom.of(seed, RowRandom.Stream.DEPARTMENT, i);
      out.integer(i + 1L)
          .text(Vocabulary.DEPARTMENTS.get(i))
          .text(Vocabulary.DEPARTMENT_LOCATIONS.get(i))
          .text(PersonName.random(random).fullName());
      created(out, calendar.referenceCreated());
    }
  }

  void designs(CopyRowWriter out) throws IOException {
    for (int i = 0; i < volumes.designs(); i++) {
      DesignValues design = DesignValues.random(RowRandom.of(seed, RowRandom.Stream.DESIGN, i));
      long createdAt = designCreatedAt(i);
      out.integer(i + 1L)
          .timestamp(createdAt)
          .text(design.name())
          .text(design.fileLocation())
          .text(design.fileName(WorkingHours.epochDay(createdAt)))
          .timestamp(createdAt);
      out.endRow();
    }
  }

  /** The first designs exist before any order; the rest appear evenly over the history. */
  private long designCreatedAt(int index) {
    int initial = volumes.initialDesigns();
    if (index < initial) {
      return calendar.referenceCreated();
    }
    double jitter = RowRandom.of(seed, RowRandom.Stream.DESIGN_TIME, index).nextDouble();
    return calendar.at(WorkingHours.spread(index - initial, volumes.designs() - initial, jitter));
  }

  /** How many designs (ids 1 to n) exist at office-time {@code offset}. */
  int designsAvailableAt(long offset) {
    int initial = volumes.initialDesigns();
    return initial + (int) (offset * (volumes.designs() - initial) / WorkingHours.SPAN);
  }

  void counterparties(CopyRowWriter out) throws IOException {
    for (int i = 0; i < Volumes.COUNTERPARTIES; i++) {
      SplittableRandom random = RowRandom.of(seed, RowRandom.Stream.COUNTERPARTY, i);
      out.integer(i + 1L)
          .text(legalName(random, i == COMMA_COUNTERPARTY))
          .integer(1 + random.nextInt(Volumes.ADDRESSES))
          .text(PersonName.contact(random, i == ACCENTED_COUNTERPARTY))
          .text(PersonName.contact(random, false));
      created(out, calendar.peopleCreated());
    }
  }

  private static String legalName(SplittableRandom random, boolean withCommas) {
    String first = Vocabulary.pick(random, Vocabulary.LAST_NAMES);
    int form = withCommas ? 0 : random.nextInt(6);
    return switch (form) {
      case 0, 1 ->
          first
              + ", "
              + Vocabulary.pick(random, Vocabulary.LAST_NAMES)
              + " and "
              + Vocabulary.pick(random, Vocabulary.LAST_NAMES);
      case 2 -> first + " - " + Vocabulary.pick(random, Vocabulary.LAST_NAMES);
      default -> first + " " + Vocabulary.pick(random, Vocabulary.COMPANY_SUFFIXES);
    };
  }

  void staff(CopyRowWriter out) throws IOException {
    for (int i = 0; i < Volumes.STAFF; i++) {
      SplittableRandom random = RowRandom.of(seed, RowRandom.Stream.STAFF, i);
      PersonName name =
          i == APOSTROPHE_STAFF ? PersonName.withApostrophe(random) : PersonName.random(random);
      out.integer(i + 1L)
          .text(name.first())
          .text(name.last())
          .integer(1 + random.nextInt(Vocabulary.DEPARTMENTS.size()))
          .text(name.email());
      created(out, calendar.peopleCreated());
    }
  }

  private static void created(CopyRowWriter out, long at) throws IOException {
    out.timestamp(at).timestamp(at).endRow();
  }
}
