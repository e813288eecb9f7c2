package dev.slimimage.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a web application goes in a Tomcat image and how Tomcat starts: the layout of the official {@code tomcat}
 * images ({@code CATALINA_HOME} is {@code /usr/local/tomcat}), which a configured servlet container image must share.
 */
public final class ServletContainer {

    public static final String HOME = "/usr/local/tomcat";
    /** The exploded WAR is the root context: it answers on {@code /}, not on {@code /<artifactId>}. */
    public static final String ROOT_WEBAPP = HOME + "/webapps/ROOT";
    /** What Tomcat writes at run time (logs, uploads and compiled JSPs); everything else stays read-only to the user. */
    public static final List<String> WRITABLE_DIRECTORIES = List.of("logs", "temp", "work");
    /**
     * Tomcat creates these at start and logs SEVERE when it cannot (HostConfig's deployment descriptor directory);
     * they are made in the image but stay root's, so the user cannot deploy other applications through them.
     */
    public static final List<String> CONFIG_DIRECTORIES = List.of("conf/Catalina/localhost");
    public static final String MAIN_CLASS = "org.apache.catalina.startup.Bootstrap";
    public static final String DEFAULT_PORT = "8080";

    /**
     * What Tomcat 10.1's own jars need from the JDK (jdeps over bin/*.jar and lib/*.jar of 10.1.59): the image's
     * module analysis cannot read them, as they are in the container image, not in the project.
     */
    public static final Map<String, String> MODULES;
    static {
        Map<String, String> m = new LinkedHashMap<>();
        String tomcat = "used by Tomcat 10.1 (the servlet container)";
        for (String module : List.of("java.desktop", "java.instrument", "java.logging", "java.management", "java.naming", "java.rmi",
                "java.security.jgss", "java.sql", "java.xml")) {
            m.put(module, tomcat);
        }
        m.put("java.compiler", tomcat + ": the JSP compiler (Eclipse JDT) uses javax.tools");
        MODULES = Map.copyOf(m);
    }

    private ServletContainer() {
    }

    /** The official image a user of this Java release would pick: Tomcat 10.1 (Jakarta EE 10) on the release's JRE. */
    public static String defaultImage(int javaRelease) {
        return "tomcat:10.1-jre" + javaRelease;
    }

    /** What catalina.sh run passes to java, without the shell, so that the same entry point works on distroless too. */
    public static List<String> launchArguments() {
        return List.of(
                "-Djava.util.logging.config.file=" + HOME + "/conf/logging.properties",
                "-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager",
                "-Djdk.tls.ephemeralDHKeySize=2048",
                "-Djava.protocol.handler.pkgs=org.apache.catalina.webresources",
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                "--add-opens=java.base/java.io=ALL-UNNAMED",
                "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                "--add-opens=java.rmi/sun.rmi.transport=ALL-UNNAMED",
                "-cp", HOME + "/bin/bootstrap.jar:" + HOME + "/bin/tomcat-juli.jar",
                "-Dcatalina.base=" + HOME,
                "-Dcatalina.home=" + HOME,
                "-Djava.io.tmpdir=" + HOME + "/temp",
                MAIN_CLASS, "start");
    }
}
