package dev.slimimage.launcher;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Starts a jar's {@code Launcher-Agent-Class} in an image that runs the application with {@code -cp}, where the JVM
 * reads no manifest. The image passes this agent's jar with {@code -javaagent:<jar>=<agent class>}; its
 * {@code premain} then does what {@code java -jar} does for the attribute: loads the class through the system class
 * loader and calls its {@code agentmain(String, Instrumentation)}, else its {@code agentmain(String)}, with an empty
 * argument, before the main class is loaded. A failure stops the JVM with status 1, as {@code java -jar} does.
 *
 * <p>Compiled for Java 8 (the plugin's src/main/launcher-agent); it runs inside the application's JVM, whatever its
 * release, and uses nothing but the JDK.
 */
public final class LauncherAgent {

    private LauncherAgent() {
    }

    public static void premain(String agentClass, Instrumentation instrumentation) {
        try {
            start(agentClass, instrumentation);
        } catch (Throwable e) {
            Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
            System.err.println("Error: the Launcher-Agent-Class " + agentClass + " of the application's jar manifest did not start");
            cause.printStackTrace();
            System.exit(1);
        }
    }

    private static void start(String agentClass, Instrumentation instrumentation) throws Exception {
        if (agentClass == null || agentClass.isEmpty()) {
            throw new IllegalArgumentException("no agent class: give it as -javaagent:<this jar>=<class name>");
        }
        Class<?> agent = ClassLoader.getSystemClassLoader().loadClass(agentClass);
        Method agentmain;
        boolean withInstrumentation = true;
        try {
            agentmain = agent.getDeclaredMethod("agentmain", String.class, Instrumentation.class);
        } catch (NoSuchMethodException twoArguments) {
            try {
                agentmain = agent.getDeclaredMethod("agentmain", String.class);
                withInstrumentation = false;
            } catch (NoSuchMethodException oneArgument) {
                throw twoArguments;
            }
        }
        if (!Modifier.isPublic(agentmain.getModifiers()) || !Modifier.isStatic(agentmain.getModifiers())) {
            throw new IllegalAccessException("method " + agentClass + ".agentmain must be declared public static");
        }
        if (!Modifier.isPublic(agent.getModifiers())) {
            agentmain.setAccessible(true);
        }
        if (withInstrumentation) {
            agentmain.invoke(null, "", instrumentation);
        } else {
            agentmain.invoke(null, "");
        }
    }
}
