package com.example.agent;

/** Prints what the launcher agent recorded, and fails when it did not run. */
public class Main {
    public static void main(String[] args) {
        String agent = System.getProperty("example.agent");
        if (agent == null) {
            System.out.println("agentmain did not run");
            System.exit(3);
        }
        System.out.println("agentmain ran before main: " + agent);
    }
}
