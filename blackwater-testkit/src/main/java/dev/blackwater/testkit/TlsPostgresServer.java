package dev.blackwater.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An embedded PostgreSQL that speaks TLS ({@code ssl=on}), for the tests of verified connections: a
 * certificate authority made in the test signs the server's certificate, which names {@code
 * localhost} only (a DNS name, no IP address), so connecting by {@code 127.0.0.1} fails a host name
 * check. {@link #caBundle()} is that CA as a PEM file (what {@code sslrootcert} names), {@link
 * #unrelatedCaBundle()} another CA that signed nothing here. Started once per JVM, always embedded
 * (an external server's TLS is not the test's to configure); the plain {@link PostgresServer} stays
 * without TLS. Certificates are valid from 2000 to 2099, so no clock is read.
 */
public final class TlsPostgresServer {

  /** The name the server's certificate holds. */
  public static final String HOST = "localhost";

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Date NOT_BEFORE = Date.from(Instant.parse("2000-01-01T00:00:00Z"));
  private static final Date NOT_AFTER = Date.from(Instant.parse("2099-12-31T00:00:00Z"));
  private static TlsPostgresServer shared;

  private final int port;
  private final Path caBundle;
  private final Path unrelatedCaBundle;

  private TlsPostgresServer(int port, Path caBundle, Path unrelatedCaBundle) {
    this.port = port;
    this.caBundle = caBundle;
    this.unrelatedCaBundle = unrelatedCaBundle;
  }

  /** The server of this test run, started on first use. */
  public static synchronized TlsPostgresServer shared() {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  /** The CA bundle (PEM) that signed the server's certificate. */
  public Path caBundle() {
    return caBundle;
  }

  /** A CA bundle (PEM) of a CA that signed nothing this server presents. */
  public Path unrelatedCaBundle() {
    return unrelatedCaBundle;
  }

  public int port() {
    return port;
  }

  /** The superuser, which the server trusts without a password over TLS and plain text alike. */
  public String user() {
    return "postgres";
  }

  /** A JDBC URL of {@code database} reached as {@code host} (no sslmode in it). */
  public String jdbcUrl(String host, String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /** Creates an empty database named after {@code label}; returns its name. */
  public String createDatabase(String label) {
    String name =
        PostgresServer.databaseName(label, DATABASES.incrementAndGet(), RANDOM.nextInt(1 << 30));
    Properties login = new Properties();
    login.setProperty("user", user());
    login.setProperty("sslmode", "disable");
    try (Connection c = DriverManager.getConnection(jdbcUrl(HOST, "postgres"), login);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE \"" + name + "\"");
    } catch (SQLException e) {
      throw new IllegalStateException("could not create test database " + name, e);
    }
    return name;
  }

  private static TlsPostgresServer start() {
    try {
      Path dir = Files.createTempDirectory("blackwater-tls");
      KeyPair caKeys = keys();
      X509Certificate ca = authority(caKeys, "CN=Blackwater test CA");
      KeyPair serverKeys = keys();
      X509Certificate server = server(serverKeys, ca, caKeys);
      X509Certificate unrelated = authority(keys(), "CN=Blackwater test CA");

      Path caFile = pem(dir.resolve("ca.pem"), ca);
      Path unrelatedFile = pem(dir.resolve("unrelated-ca.pem"), unrelated);
      Path certFile = pem(dir.resolve("server.crt"), server);
      Path keyFile = pem(dir.resolve("server.key"), serverKeys.getPrivate());
      Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));

      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .setServerConfig("ssl", "on")
              .setServerConfig("ssl_cert_file", certFile.toString())
              .setServerConfig("ssl_key_file", keyFile.toString())
              .start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      postgres.close();
                    } catch (IOException e) {
                      // the JVM is going away; the data directory is temporary
                    }
                  }));
      return new TlsPostgresServer(postgres.getPort(), caFile, unrelatedFile);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL with TLS", e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("could not make the test certificates", e);
    }
  }

  private static KeyPair keys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048, RANDOM);
    return generator.generateKeyPair();
  }

  private static X509Certificate authority(KeyPair keys, String name)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    X500Name subject = new X500Name(name);
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            subject, serial(), NOT_BEFORE, NOT_AFTER, subject, keys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    builder.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    return sign(builder, keys);
  }

  private static X509Certificate server(KeyPair keys, X509Certificate ca, KeyPair caKeys)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            ca, serial(), NOT_BEFORE, NOT_AFTER, new X500Name("CN=" + HOST), keys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(
        Extension.keyUsage,
        true,
        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
    builder.addExtension(
        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    builder.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(new GeneralName(GeneralName.dNSName, HOST)));
    return sign(builder, caKeys);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
      throws GeneralSecurityException, OperatorCreationException {
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer.getPrivate())));
  }

  private static BigInteger serial() {
    return new BigInteger(64, RANDOM).add(BigInteger.ONE);
  }

  private static Path pem(Path file, Object value) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
        JcaPEMWriter pem = new JcaPEMWriter(out)) {
      pem.writeObject(value);
    }
    return file;
  }
}
