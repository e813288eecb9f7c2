package com.example.agent;

import java.lang.instrument.Instrumentation;

/**
 * The jar's Launcher-Agent-Class: java -jar calls agentmain before main. It records what it was given, so that main
 * can tell whether it ran, and with which Instrumentation capabilities (the manifest asks for retransformation).
 */
public class Agent {
    public static void agentmain(String args, Instrumentation instrumentation) {
        System.setProperty("example.agent", "args=[" + args + "] loaded classes=" + (instrumentation.getAllLoadedClasses().length > 0)
                + " retransform=" + instrumentation.isRetransformClassesSupported()
                + " main loaded=" + isLoaded(instrumentation, "com.example.agent.Main"));
    }

    private static boolean isLoaded(Instrumentation instrumentation, String name) {
        for (Class<?> c : instrumentation.getAllLoadedClasses()) {
            if (c.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
