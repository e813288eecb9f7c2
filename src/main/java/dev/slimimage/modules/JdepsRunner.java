package dev.slimimage.modules;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;

/** Runs the host JDK's jdeps in-process and reads which JDK modules each jar or class directory uses. */
final class JdepsRunner {

    /** jdeps could not analyse the inputs; the message holds its output. */
    static final class JdepsException extends Exception {
        JdepsException(String message) {
            super(message);
        }
    }

    private final JdkModules jdk;

    JdepsRunner(JdkModules jdk) {
        this.jdk = jdk;
    }

    /**
     * @param inputs the jars and class directories to analyse. Each one's use of JDK modules is read from its own
     *     classes, so no class path is needed: references between the inputs and to other jars are not what we
     *     want, and resolving them made jdeps read every dependency again after a one-class change.
     * @return JDK module → the jars/directories (as jdeps names them) that use it; java.base left out
     */
    Map<String, Set<String>> modulesUsed(int release, List<Path> inputs) throws JdepsException {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new JdepsException("the JDK running Maven has no jdeps (is it a JRE?)"));
        List<String> args = new ArrayList<>(List.of("-s", "--multi-release", release < 9 ? "base" : String.valueOf(release)));
        inputs.forEach(p -> args.add(p.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit;
        try {
            exit = jdeps.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        } catch (java.lang.module.FindException | java.lang.module.ResolutionException e) {
            throw new JdepsException("jdeps could not resolve the modules: " + lowerFirst(e.getMessage()));
        } catch (RuntimeException e) {
            throw new JdepsException("jdeps failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (exit != 0) {
            throw new JdepsException("jdeps exited with " + exit + ": " + firstLines(err + out.toString(), 5));
        }
        Map<String, Set<String>> used = new TreeMap<>();
        for (String line : out.toString().split("\\R")) {
            String[] parts = line.strip().split("\\s+->\\s+");
            if (parts.length != 2) {
                continue;
            }
            String module = parts[1].strip().split("\\s+")[0];
            if (jdk.exists(module) && !module.equals("java.base")) {
                used.computeIfAbsent(module, k -> new TreeSet<>()).add(readableOrigin(parts[0].strip()));
            }
        }
        return used;
    }

    private static String readableOrigin(String origin) {
        int slash = Math.max(origin.lastIndexOf('/'), origin.lastIndexOf(File.separatorChar));
        String name = slash >= 0 ? origin.substring(slash + 1) : origin;
        return name.equals("classes") ? "the application's classes" : name;
    }

    private static String lowerFirst(String message) {
        return message == null || message.isEmpty() ? "no reason given"
                : Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }

    private static String firstLines(String text, int count) {
        return text.lines().limit(count).collect(Collectors.joining(" | "));
    }
}
