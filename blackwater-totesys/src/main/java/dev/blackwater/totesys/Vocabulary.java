package dev.blackwater.totesys;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** The words the generated rows are made of, in the style of the real totesys data. */
final class Vocabulary {

  static final List<String> FIRST_NAMES =
      words(
          """
          Abbie, Adan, Alayna, Alvis, Amara, Angus, Ansel, Arlo, Aurore, Barney, Bella, Bertram,
          Brenna, Caleb, Camila, Casper, Cecilia, Cyril, Dahlia, Damon, Darby, Delia, Dorian,
          Edna, Elian, Elsie, Emory, Esther, Ezra, Fabian, Fern, Flynn, Freya, Gideon, Greta,
          Hadley, Harvey, Hattie, Hollis, Ida, Imogen, Ines, Jasper, Jolene, Jude, Juniper,
          Keaton, Kira, Lachlan, Lark, Leland, Lorna, Lucius, Mabel, Mackenzie, Marlowe, Milo,
          Myrtle, Nadia, Nico, Nola, Odell, Opal, Orson, Otis, Paloma, Percy, Petra, Quinn,
          Rafael, Rhoda, Rowan, Rufus, Sabina, Silas, Sloane, Tamsin, Tobias, Ursula, Vance,
          Vera, Wendell, Willa, Xander, Yara, Zane
          """);

  /** First names with letters outside ASCII, for contacts. */
  static final List<String> ACCENTED_FIRST_NAMES =
      words(
          """
          Zoë, José, Renée, Chloé, Søren, Björn, Anaïs, Jürgen, Noémie, Åsa
          """);

  static final List<String> LAST_NAMES =
      words(
          """
          Abshire, Altenwerth, Bahringer, Bartoletti, Bechtelar, Bednar, Bogisich, Brakus,
          Brekke, Carroll, Cartwright, Champlin, Collier, Considine, Cormier, Cronin, Daugherty,
          Dibbert, Dickens, Durgan, Ebert, Feeney, Friesen, Gerlach, Gislason, Goldner, Goodwin,
          Greenholt, Gulgowski, Hackett, Hagenes, Hamill, Harber, Heller, Hettinger, Hilpert,
          Howell, Jacobson, Jaskolski, Jerde, Kautzer, Kemmer, Koelpin, Kuvalis, Larkin, Ledner,
          Lockman, Lubowitz, Marquardt, Mayert, McDermott, Medhurst, Mertz, Mosciski, Nader,
          Nitzsche, Okuneva, Pagac, Pfannerstill, Pollich, Quitzon, Reichert, Rempel, Runte,
          Schaden, Schiller, Schowalter, Skiles, Stehr, Stokes, Swaniawski, Trantow, Ullrich,
          Vandervort, VonRueden, Volkman, Wehner, Wintheiser, Wolff, Zboncak, Ziemann
          """);

  /** Last names with an apostrophe: the classic trap for string-built SQL and CSV. */
  static final List<String> APOSTROPHE_LAST_NAMES =
      words("O'Keefe, O'Hara, O'Conner, O'Reilly, O'Kon, D'Amore");

  static final List<String> NAME_PREFIXES = words("Mr., Mrs., Ms., Miss, Dr.");

  static final List<String> NAME_SUFFIXES = words("Jr., Sr., II, III, IV, MD, DDS, PhD, DVM");

  static final List<String> COMPANY_SUFFIXES = words("Inc, LLC, Group, and Sons");

  static final List<String> STREET_SUFFIXES =
      words(
          """
          Avenue, Bridge, Circles, Common, Court, Crossing, Drive, Estates, Extension, Fields,
          Forge, Fort, Garden, Glens, Grove, Harbor, Heights, Inlet, Island, Junction, Landing,
          Lane, Loop, Manor, Meadow, Mews, Mill, Mission, Orchard, Park, Pass, Pike, Pines,
          Plaza, Point, Radial, Ridge, Road, Row, Shoal, Skyway, Spring, Square, Stravenue,
          Stream, Street, Summit, Terrace, Track, Trafficway, Trail, Turnpike, Via, View, Wall,
          Way, Wells
          """);

  static final List<String> CITY_PREFIXES =
      words("North, South, East, West, New, Lake, Port, Fort, Saint");

  static final List<String> CITY_SUFFIXES =
      words(
          """
          burgh, ville, side, town, furt, port, view, fort, chester, haven, mouth, stad, ton,
          land, berg, bury, cester
          """);

  /** Towns with letters outside ASCII. */
  static final List<String> ACCENTED_CITIES =
      words(
          """
          Bjørnstad, Münsterberg, Neuchâtel-sur-Mer, São Bento, Sainte-Hélène,
          Villeneuve-lès-Bains, Ærøskøbing, Straßfurt
          """);

  static final List<String> DISTRICTS =
      words(
          """
          Avon, Bedfordshire, Berkshire, Borders, Buckinghamshire, Cambridgeshire, Cheshire,
          Cornwall, Cumbria, Devon, Dorset, Lancashire
          """);

  /** More than the 29 countries the addresses use, so a seed picks its own 29. */
  static final List<String> COUNTRIES =
      lines(
          """
          Albania
          Antigua and Barbuda
          Argentina
          Australia
          Austria
          Belize
          Bhutan
          Bolivia
          Botswana
          Brazil
          Cambodia
          Canada
          Chile
          Côte d'Ivoire
          Croatia
          Democratic People's Republic of Korea
          Denmark
          Ecuador
          Estonia
          Falkland Islands (Malvinas)
          Faroe Islands
          Fiji
          Finland
          Georgia
          Ghana
          Greenland
          Guam
          Iceland
          Indonesia
          Ireland
          Japan
          Kenya
          Kiribati
          Latvia
          Lesotho
          Malta
          Mauritius
          Mongolia
          Morocco
          Namibia
          Nepal
          New Zealand
          Norway
          Papua New Guinea
          Paraguay
          Peru
          Portugal
          Republic of Korea
          Saint Helena, Ascension and Tristan da Cunha
          Samoa
          San Marino
          Senegal
          Sierra Leone
          Slovenia
          Sri Lanka
          Sudan
          Tajikistan
          Tonga
          Turkey
          Uganda
          United Kingdom
          Uruguay
          Vanuatu
          Zambia
          """);

  /** The eight departments with their home towns. */
  static final List<String> DEPARTMENTS =
      words(
          """
          Sales, Purchasing, Production, Dispatch, Finance, Facilities, Communications, HR
          """);

  static final List<String> DEPARTMENT_LOCATIONS =
      words(
          """
          Manchester, Manchester, Leeds, Leeds, Manchester, Manchester, Leeds, Leeds
          """);

  /** What a department may be renamed to, and where it may move. */
  static final List<String> DEPARTMENT_RENAMES =
      words(
          """
          Sales and Marketing, Procurement, Manufacturing, Logistics, Accounts, Estates,
          Marketing, People, Customer Service, Quality
          """);

  static final List<String> OFFICE_TOWNS =
      words(
          """
          Manchester, Leeds, Sheffield, Bradford, Liverpool, York, Salford
          """);

  static final List<String> CURRENCIES = words("GBP, USD, EUR");

  static final List<String> PAYMENT_TYPES =
      words(
          """
          SALES_RECEIPT, SALES_REFUND, PURCHASE_PAYMENT, PURCHASE_REFUND
          """);

  static final List<String> DESIGN_NAMES =
      words(
          """
          Wooden, Bronze, Granite, Soft, Plastic, Cotton, Steel, Concrete, Frozen, Metal, Fresh,
          Rubber, Marble, Linen
          """);

  static final List<String> FILE_LOCATIONS =
      words(
          """
          /usr, /private, /lost+found, /System, /usr/ports, /usr/share, /etc/periodic, /opt/sbin,
          /Users, /net, /usr/libexec, /etc, /usr/local/src, /opt/lib, /selinux, /home/user/dir,
          /etc/ppp, /usr/libdata, /etc/namedb, /bin, /var/log, /var/tmp, /boot/defaults, /sys,
          /usr/X11R6, /root, /lib, /opt, /Library, /var/yp, /Applications, /sbin, /dev, /usr/src,
          /var, /home, /usr/include, /private/tmp, /mnt, /srv, /opt/bin, /rescue, /var/spool,
          /media, /tmp
          """);

  static final String ITEM_CODE_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  static final String FILE_TAG_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789";

  private Vocabulary() {}

  /** The words of a comma-separated list (line breaks count as spaces). */
  private static List<String> words(String text) {
    return Arrays.stream(text.strip().split("\\s*,\\s*"))
        .map(w -> w.replaceAll("\\s+", " "))
        .toList();
  }

  /** One entry per line, for entries that contain commas. */
  private static List<String> lines(String text) {
    return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  static String pick(SplittableRandom random, List<String> words) {
    return words.get(random.nextInt(words.size()));
  }

  static String letters(SplittableRandom random, String alphabet, int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
    }
    return new String(chars);
  }

  /** {@code length} random decimal digits, leading zeros kept. */
  static String digits(SplittableRandom random, int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = (char) ('0' + random.nextInt(10));
    }
    return new String(chars);
  }
}
