package com.example.fit;

import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes below the working directory as many apps do (an H2 database at ./target/example), and checks its code is read-only. */
public class Main {
    public static void main(String[] args) throws Exception {
        Path db = Path.of("./target/example.mv.db");
        Files.createDirectories(db.getParent());
        Files.writeString(db, "db");
        Path data = Path.of("data", "x");
        Files.createDirectories(data.getParent());
        Files.writeString(data, "written");
        System.out.println("wrote " + data.toAbsolutePath().normalize() + ": " + Files.readString(data)
                + ", " + db.toAbsolutePath().normalize());

        Path code = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        for (Path target : List.of(Path.of("/app/probe"), code.resolve("probe"), code.resolve("com/example/fit/Main.class"))) {
            try {
                Files.writeString(target, "x");
                System.out.println("could write into the code: " + target);
                System.exit(3);
            } catch (AccessDeniedException expected) {
                System.out.println("read-only: " + target);
            }
        }
        System.out.println("list=" + System.getProperty("list") + " greeting=" + System.getProperty("greeting"));
    }
}
