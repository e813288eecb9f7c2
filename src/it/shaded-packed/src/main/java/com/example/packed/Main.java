package com.example.packed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.base.Joiner;
import com.google.common.collect.ImmutableSortedSet;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.TreeSet;

public class Main {
    public static void main(String[] args) throws Exception {
        System.out.println("packed version: " + Greeting.VERSION);
        System.out.println("packed guava: " + Joiner.on('|').join(ImmutableSortedSet.of("c", "a", "b")));
        System.out.println("packed json: " + new ObjectMapper().writeValueAsString(Map.of("n", 42)));
        ByteBuf buf = Unpooled.copiedBuffer("netty", StandardCharsets.US_ASCII);
        System.out.println("packed netty: " + buf.readableBytes() + " bytes");
        // META-INF/services/java.sql.Driver comes from h2, merged by the shade plugin.
        TreeSet<String> drivers = new TreeSet<>();
        ServiceLoader.load(java.sql.Driver.class).forEach(d -> drivers.add(d.getClass().getName()));
        System.out.println("packed drivers: " + drivers);
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:t");
             ResultSet rs = c.createStatement().executeQuery("select 6 * 7")) {
            rs.next();
            System.out.println("packed sql: " + rs.getInt(1));
        }
        Properties own = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("/packed.properties")) {
            own.load(in);
        }
        System.out.println("packed resource: " + own.getProperty("greeting"));
        // The shaded jar's manifest is still on the class path, as with java -jar.
        try (InputStream in = Main.class.getClassLoader().getResourceAsStream("META-INF/MANIFEST.MF")) {
            String manifest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            System.out.println("packed manifest main: " + manifest.contains("Main-Class: com.example.packed.Main"));
        }
    }
}
