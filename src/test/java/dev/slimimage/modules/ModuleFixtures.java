package dev.slimimage.modules;

import dev.slimimage.testing.ClassBytes;
import dev.slimimage.testing.TestJar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Classes that use JDK modules in the ways the module analysis must notice, and helpers to read its result. */
final class ModuleFixtures {

    static final List<String> ALWAYS_IN = List.of("java.base", "jdk.crypto.ec", "jdk.charsets", "jdk.zipfs", "jdk.unsupported");
    static final String LOCALES = "en,de";

    private ModuleFixtures() {}

    /** A class calling {@code DriverManager.getConnection(String)}: a direct use of java.sql. */
    static byte[] usingJdbc(String className, int release) {
        return ClassBytes.callingStatic(className, release, "java/sql/DriverManager", "getConnection",
                "(Ljava/lang/String;)Ljava/sql/Connection;");
    }

    /** A jar entry holding {@link #usingJdbc}. */
    static TestJar withJdbcUser(TestJar jar, String className, int release) {
        return jar.entry(ClassBytes.entryName(className), usingJdbc(className, release));
    }

    static ModuleInputs inputs(int release, List<java.nio.file.Path> appRoots, List<java.nio.file.Path> classPath) {
        return new ModuleInputs(release, appRoots, classPath, null, LOCALES, List.of(), List.of());
    }

    /** Module name → its reasons, in the set's order. */
    static Map<String, List<String>> reasons(ModuleSet set) {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        set.modules().forEach(m -> byName.put(m.name(), m.reasons()));
        return byName;
    }

    static Map<String, List<String>> excluded(ModuleSet set) {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        set.excluded().forEach(m -> byName.put(m.name(), m.reasons()));
        return byName;
    }
}
