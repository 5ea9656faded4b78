package dev.blackwater.totesys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GeneratedValuesTest {

  private static final References REFS =
      new References(
          IdPool.range(10), IdPool.range(20), IdPool.range(20), IdPool.range(3), IdPool.range(30));

  @Test
  void rowRandomDependsOnSeedStreamAndIndexOnly() {
    long a = RowRandom.of(1, RowRandom.Stream.SALES_ORDER, 5).nextLong();
    assertThat(RowRandom.of(1, RowRandom.Stream.SALES_ORDER, 5).nextLong()).isEqualTo(a);
    assertThat(RowRandom.of(1, RowRandom.Stream.SALES_ORDER, 6).nextLong()).isNotEqualTo(a);
    assertThat(RowRandom.of(2, RowRandom.Stream.SALES_ORDER, 5).nextLong()).isNotEqualTo(a);
    assertThat(RowRandom.of(1, RowRandom.Stream.PAYMENT, 5).nextLong()).isNotEqualTo(a);
  }

  @Test
  void vocabularyListsAreClean() {
    assertThat(Vocabulary.COUNTRIES).hasSizeGreaterThan(Volumes.COUNTRIES).doesNotHaveDuplicates();
    assertThat(Vocabulary.COUNTRIES)
        .contains("Saint Helena, Ascension and Tristan da Cunha", "Côte d'Ivoire");
    assertThat(Vocabulary.FIRST_NAMES).hasSize(86).allMatch(w -> w.matches("[A-Z][a-z]+"));
    assertThat(Vocabulary.LAST_NAMES).allMatch(w -> w.matches("[A-Z][A-Za-z]+"));
    assertThat(Vocabulary.COMPANY_SUFFIXES).contains("and Sons");
    assertThat(Vocabulary.DEPARTMENTS).hasSameSizeAs(Vocabulary.DEPARTMENT_LOCATIONS);
    assertThat(Vocabulary.FILE_LOCATIONS).allMatch(w -> w.startsWith("/") && !w.contains(" "));
  }

  @Test
  void emailsAreFirstDotLastAtTheCompany() {
    assertThat(new PersonName("Irving", "O'Keefe").email())
        .isEqualTo("irving.o'keefe@terrifictotes.com");
    assertThat(new PersonName("Greta", "VonRueden").fullName()).isEqualTo("Greta VonRueden");
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 500; i++) {
      assertThat(PersonName.random(random).email())
          .matches("[a-z']+\\.[a-z']+@terrifictotes\\.com");
    }
    assertThat(PersonName.withApostrophe(random).last()).contains("'");
  }

  @Test
  void contactsAreSometimesDecoratedOrAccented() {
    SplittableRandom random = new SplittableRandom(2);
    Set<String> contacts = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      contacts.add(PersonName.contact(random, false));
    }
    assertThat(contacts).anyMatch(c -> c.startsWith("Dr.") || c.startsWith("Ms."));
    assertThat(contacts).anyMatch(c -> c.endsWith("PhD") || c.endsWith("III"));
    assertThat(contacts).anyMatch(c -> !c.matches("\\p{ASCII}*"));
    assertThat(PersonName.contact(random, true)).matches(".*[^\\p{ASCII}].*");
  }

  @Test
  void addressesHaveTheSourcesShapes() {
    SplittableRandom random = new SplittableRandom(3);
    int withoutDistrict = 0;
    int withoutLine2 = 0;
    for (int i = 0; i < 300; i++) {
      AddressValues a = AddressValues.random(random, false);
      assertThat(a.line1()).matches("\\d{3,5} \\S+ \\S+");
      assertThat(a.postalCode()).matches("\\d{5}(-\\d{4})?");
      assertThat(a.phone()).matches("\\d{4} \\d{6}");
      assertThat(a.city()).isNotBlank();
      withoutDistrict += a.district() == null ? 1 : 0;
      withoutLine2 += a.line2() == null ? 1 : 0;
    }
    assertThat(withoutDistrict).isBetween(100, 200);
    assertThat(withoutLine2).isBetween(150, 250);
    assertThat(AddressValues.random(random, true).city()).isIn(Vocabulary.ACCENTED_CITIES);
  }

  @Test
  void designFilesAreNamedAfterMaterialDateAndTag() {
    DesignValues design = new DesignValues("Wooden", "/usr", 109, "npgz");
    assertThat(design.fileName(LocalDate.of(2022, 11, 3).toEpochDay()))
        .isEqualTo("wooden-20220717-npgz.json");
    assertThat(DesignValues.random(new SplittableRandom(4)).fileName(19_000))
        .matches("[a-z]+-\\d{8}-[a-z0-9]{4}\\.json");
  }

  @Test
  void ordersStayInTheSnapshotsRanges() {
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 1000; i++) {
      SalesTerms sale = SalesTerms.random(random, REFS, 3);
      assertThat(sale.designId()).isBetween(1, 3);
      assertThat(sale.unitsSold()).isBetween(1_000, 100_000);
      assertThat(sale.unitPriceCents()).isBetween(200L, 400L);
      assertThat(sale.amountCents()).isEqualTo(sale.unitsSold() * sale.unitPriceCents());
      assertThat(sale.currencyId()).isBetween(1, 3);
      PurchaseTerms purchase = PurchaseTerms.random(random, REFS);
      assertThat(purchase.itemCode()).matches("[A-Z0-9]{7}");
      assertThat(purchase.itemQuantity()).isBetween(1, 999);
      assertThat(purchase.itemUnitPriceCents()).isBetween(100L, 100_000L);
      assertThat(purchase.amountCents())
          .isEqualTo(purchase.itemQuantity() * purchase.itemUnitPriceCents());
      assertThat(purchase.deliveryDays()).isBetween(0, 648);
      assertThat(purchase.paymentDays()).isBetween(0, 6);
      assertThat(Terms.accountNumber(random)).isBetween(10_000_000, 99_999_999);
    }
  }

  @Test
  void deliveriesAreMostlyWithinAWeek() {
    SplittableRandom random = new SplittableRandom(6);
    int late = 0;
    for (int i = 0; i < 10_000; i++) {
      late += Terms.deliveryDays(random) > 7 ? 1 : 0;
    }
    assertThat(late).isBetween(20, 90);
  }

  @Test
  void idPoolsPickFromTheirIds() {
    SplittableRandom random = new SplittableRandom(7);
    IdPool pool = IdPool.of(9, 4, 7).with(12);
    assertThat(pool.size()).isEqualTo(4);
    Set<Integer> picked = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      picked.add(pool.pick(random));
    }
    assertThat(picked).containsExactlyInAnyOrder(4, 7, 9, 12);
    assertThat(pool.pickAmongFirst(random, 1)).isEqualTo(4);
    assertThat(pool.pickAmongFirst(random, 0)).isEqualTo(4);
    assertThat(pool.pickAmongFirst(random, 99)).isIn(4, 7, 9, 12);
  }
}
