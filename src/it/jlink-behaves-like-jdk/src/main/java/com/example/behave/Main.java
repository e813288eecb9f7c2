package com.example.behave;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Prints, deterministically, what a linked runtime easily gets wrong: every line must be the same on the full JDK.
 * Non-ASCII characters are printed as \\uXXXX so the output does not depend on the container's default encoding.
 */
public class Main {

    public static void main(String[] args) throws Exception {
        String uid = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("Uid:")).findFirst().orElse("Uid: ?").split("\\s+")[1];
        print("uid: " + uid);
        section("ec", Main::crypto);
        section("tls", Main::tls);
        section("charset", Main::charsets);
        section("locale", Main::locales);
        section("jul", Main::logging);
        section("jdbc", Main::jdbc);
        print("behaviour check done");
    }

    interface Check {
        void run() throws Exception;
    }

    /** A failing check prints one line and the others still run, so a comparison shows every difference at once. */
    static void section(String name, Check check) {
        try {
            check.run();
        } catch (Throwable t) {
            print(name + ": FAILED " + t);
        }
    }

    static void crypto() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        byte[] message = "slim images behave".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(pair.getPrivate());
        signer.update(message);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(pair.getPublic());
        verifier.update(message);
        boolean valid = verifier.verify(signature);
        verifier.initVerify(pair.getPublic());
        verifier.update("tampered".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        boolean tamperedValid = verifier.verify(signature);
        ECPublicKey pub = (ECPublicKey) pair.getPublic();
        print("ec: provider " + generator.getProvider().getName() + ", field " + pub.getParams().getCurve().getField().getFieldSize()
                + " bits, public key " + pub.getEncoded().length + " bytes " + pub.getFormat());
        print("ecdsa: signature valid " + valid + ", tampered message valid " + tamperedValid);
    }

    static void tls() throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine();
        long ecdhe = Arrays.stream(engine.getEnabledCipherSuites()).filter(s -> s.contains("_ECDHE_")).count();
        print("tls: enabled protocols " + String.join(",", engine.getEnabledProtocols()) + ", ECDHE cipher suites " + ecdhe
                + " of " + engine.getEnabledCipherSuites().length);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        X509TrustManager trust = (X509TrustManager) Arrays.stream(factory.getTrustManagers())
                .filter(t -> t instanceof X509TrustManager).findFirst().orElseThrow();
        print("trust: " + trust.getAcceptedIssuers().length + " trusted CAs");
    }

    static void charsets() {
        for (String name : List.of("IBM037", "x-IBM930")) {
            Charset charset = Charset.forName(name);
            byte[] bytes = "Slim 123".getBytes(charset);
            print("charset " + charset.name() + ": " + HexFormat.of().formatHex(bytes) + " -> " + new String(bytes, charset));
        }
    }

    static void locales() {
        LocalDate date = LocalDate.of(2024, 2, 29);
        double number = 1234567.891;
        for (Locale locale : List.of(Locale.GERMANY, Locale.FRANCE)) {
            print("locale " + locale + ": number " + NumberFormat.getInstance(locale).format(number)
                    + " | currency " + NumberFormat.getCurrencyInstance(locale).format(number)
                    + " | date " + DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).format(date)
                    + " | month " + Month.MARCH.getDisplayName(TextStyle.FULL, locale)
                    + " | pattern " + DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", locale).format(date));
        }
    }

    static void logging() {
        System.setProperty("java.util.logging.SimpleFormatter.format", "[%4$s] %3$s: %5$s%n");
        SimpleFormatter formatter = new SimpleFormatter();
        List<String> records = new ArrayList<>();
        Logger logger = Logger.getLogger("com.example.behave");
        logger.setUseParentHandlers(false);
        logger.addHandler(new Handler() {
            @Override public void publish(LogRecord record) { records.add(formatter.format(record)); }
            @Override public void flush() { }
            @Override public void close() { }
        });
        logger.info("hello from java.util.logging");
        logger.log(Level.WARNING, "{0} items left", 3);
        logger.fine("not logged at INFO");
        records.forEach(r -> print("jul: " + r.strip()));
    }

    static void jdbc() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:behave;DB_CLOSE_DELAY=-1", "sa", "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE fruit (id INT PRIMARY KEY, name VARCHAR(20), price DECIMAL(6,2))");
            statement.executeUpdate("INSERT INTO fruit VALUES (1, 'apple', 1.25), (2, 'banana', 0.50), (3, 'cherry', 7.00)");
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT name, price FROM fruit WHERE price > 1 ORDER BY id")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + "=" + rs.getBigDecimal(2));
                }
            }
            try (ResultSet rs = statement.executeQuery("SELECT COUNT(*), SUM(price) FROM fruit")) {
                rs.next();
                rows.add("count=" + rs.getInt(1) + " sum=" + rs.getBigDecimal(2));
            }
            print("jdbc: " + connection.getMetaData().getDatabaseProductName() + " " + connection.getMetaData().getDriverVersion()
                    + ": " + String.join(", ", rows));
        }
    }

    /** Prints with non-ASCII characters escaped, so both runs print the same bytes whatever their default charset. */
    static void print(String line) {
        StringBuilder out = new StringBuilder();
        for (char c : line.toCharArray()) {
            out.append(c < 0x80 ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        System.out.println(out);
    }
}
