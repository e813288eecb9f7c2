package dev.slimimage.verify;

import dev.slimimage.modules.JdkModules;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recognises how a container failed from its output and names the fix: mostly a module a linked runtime lacks. */
public final class FailureDiagnosis {

    private static final Pattern MISSING_CLASS =
            Pattern.compile("(?:NoClassDefFoundError|ClassNotFoundException)(?::| ) ?([\\w$./]+)");
    private static final Pattern MISSING_LIBRARY = Pattern.compile("([\\w.+-]+\\.so(?:\\.\\d+)*): cannot open shared object file");
    private static final Pattern MISSING_MODULE = Pattern.compile("Module ([\\w.]+) not found");
    private static final Pattern NO_ALGORITHM = Pattern.compile("NoSuchAlgorithmException: ?([^\\n]*)");
    private static final Pattern NO_CHARSET = Pattern.compile("UnsupportedCharsetException: ?([^\\s]*)");

    /** The JVM's last words when a required CDS archive or AOT cache does not map (JDK 17 to 25). */
    private static final Pattern CACHE_REFUSED = Pattern.compile("Unable to use (?:shared archive|AOT cache)");
    /** A unified-logging line of the cds or aot tags at warning or error level, or its continuation line. */
    private static final Pattern CACHE_LOG_LINE = Pattern.compile(
            "^(?:\\[[^\\]]*\\])?\\[(?:warning|error)\\s*\\]\\[(?:cds|aot)[^\\]]*\\]\\s*(.*)$|^\\[\\s+\\]\\s*(.*)$");
    /** JDK 17 prints this, then the reason on the next line, to stderr. */
    private static final String JDK17_CACHE_ERROR = "An error has occurred while processing the shared archive file.";
    /** Lines that say that it failed, not why. */
    private static final Pattern GENERIC_CACHE_LINE = Pattern.compile("(?i)^(?:An error has occurred while processing.*"
            + "|Loading static archive failed.*|Unable to map shared spaces.*|CDS is incompatible with other specified options.*"
            + "|unrecoverable error.*|Unable to use (?:shared archive|AOT cache).*|Unable to read the file header.*"
            + "|Error occurred during initialization of VM.*)$");
    private static final Pattern REASON_TAIL = Pattern.compile("\\s*(?:\\(hint: [^)]*\\)|Run with -Xlog:\\S+ for details\\.)\\s*$");

    private final JdkModules jdk;

    public FailureDiagnosis(JdkModules jdk) {
        this.jdk = jdk;
    }

    public List<String> hints(String output, boolean linkedRuntime) {
        Set<String> hints = new LinkedHashSet<>();
        Matcher library = MISSING_LIBRARY.matcher(output);
        while (library.find()) {
            String lib = library.group(1);
            hints.add(lib.startsWith("libstdc++")
                    ? "The runtime image lacks " + lib + ", which this JDK's libjvm.so needs: use <runtimeImage>gcr.io/distroless/cc-debian12"
                      + "</runtimeImage> (or another image with libstdc++) instead of a base without it."
                    : "The runtime image lacks the shared library " + lib + ": pick a <runtimeImage> that has it.");
        }
        if (linkedRuntime) {
            Matcher cls = MISSING_CLASS.matcher(output);
            while (cls.find()) {
                String className = cls.group(1).replace('/', '.');
                jdk.moduleOfClass(className).ifPresent(module -> hints.add("The linked runtime lacks module " + module
                        + " (it holds " + className + "): add <addModules><addModule>" + module + "</addModule></addModules>"
                        + " or remove it from <excludeModules>."));
            }
            Matcher module = MISSING_MODULE.matcher(output);
            while (module.find()) {
                hints.add("The linked runtime lacks module " + module.group(1) + ": add it with <addModules>.");
            }
            Matcher algorithm = NO_ALGORITHM.matcher(output);
            if (algorithm.find()) {
                String what = algorithm.group(1).strip();
                if (what.matches("(?s).*\\b(EC|ECDSA|ECDH|EdDSA|Ed25519|Ed448|XDH|X25519|X448|secp\\w*)\\b.*")) {
                    hints.add("A security algorithm is missing from the linked runtime (" + what + "): add module jdk.crypto.ec"
                            + " with <addModules>, or remove it from <excludeModules>.");
                } else {
                    String provider = what.contains("PKCS11") ? "jdk.crypto.cryptoki"
                            : what.matches("(?s).*\\b(GSS|Kerberos|SPNEGO)\\b.*") ? "java.security.jgss"
                            : what.matches("(?s).*\\bXML.*") ? "java.xml.crypto" : null;
                    hints.add("A security algorithm is missing from the linked runtime (" + what + "): "
                            + (provider != null ? "add module " + provider + " with <addModules>"
                               : "add the module of the provider that has it with <addModules> (the JDK's providers are in "
                                 + "java.base, jdk.crypto.ec, jdk.crypto.cryptoki, java.security.jgss and java.xml.crypto)")
                            + ", or remove it from <excludeModules>.");
                }
            }
            Matcher charset = NO_CHARSET.matcher(output);
            if (charset.find()) {
                hints.add("Charset " + charset.group(1) + " is missing from the linked runtime: charsets outside java.base live in "
                        + "jdk.charsets; add it with <addModules> or remove it from <excludeModules>.");
            }
            if (output.contains("MissingResourceException") && output.matches("(?s).*sun\\.(util|text)\\.resources.*")) {
                hints.add("Locale data is missing from the linked runtime: add jdk.localedata, or widen <locales>.");
            }
        }
        if (output.contains("executable file not found") && output.contains("java")) {
            hints.add("The image has no java where the entrypoint expects it: check <runtimeImage>.");
        }
        return List.copyOf(hints);
    }

    /**
     * Whether the JVM refused a required startup cache ({@code -Xshare:on} or {@code -XX:AOTMode=on}) and why, from a
     * container's output: the JVM's most specific line, e.g. {@code A jar file is not the one used while building the
     * shared archive file: /app/app.jar}; an empty reason when it gave none (a missing AOT cache says why only with
     * {@code -Xlog:aot}). Empty when the output shows no refusal.
     */
    static Optional<String> startupCacheRefusal(String output) {
        if (!CACHE_REFUSED.matcher(output).find()) {
            return Optional.empty();
        }
        List<String> lines = output.lines().map(String::strip).toList();
        for (int i = 0; i < lines.size(); i++) {
            String text = null;
            if (lines.get(i).equals(JDK17_CACHE_ERROR)) {
                // stdout's "Error occurred during initialization of VM" can come between the two stderr lines.
                for (int j = i + 1; j < lines.size() && text == null; j++) {
                    String next = lines.get(j);
                    if (!next.isEmpty() && !next.startsWith("Error occurred during initialization of VM")
                            && !GENERIC_CACHE_LINE.matcher(next).matches()) {
                        text = next;
                    }
                }
            } else {
                Matcher logLine = CACHE_LOG_LINE.matcher(lines.get(i));
                if (logLine.matches()) {
                    text = logLine.group(1) != null ? logLine.group(1) : logLine.group(2);
                }
            }
            if (text != null) {
                String reason = REASON_TAIL.matcher(text.strip()).replaceAll("").replaceAll("\\.$", "");
                if (!reason.isEmpty() && !reason.startsWith("[") && !GENERIC_CACHE_LINE.matcher(reason).matches()) {
                    return Optional.of(reason);
                }
            }
        }
        return Optional.of("");
    }
}
