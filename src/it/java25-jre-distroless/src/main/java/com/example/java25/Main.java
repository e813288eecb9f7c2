package com.example.java25;

import java.util.List;

public class Main {

    /** Unnamed variables (Java 22) and SequencedCollection.reversed() (Java 21): the classes need a Java 25 runtime. */
    public static void main(String[] args) {
        List<String> parts = List.of("runtime", "java25");
        int count = 0;
        for (String _ : parts) {
            count++;
        }
        System.out.println(String.join(" ", parts.reversed()) + " " + Runtime.version().feature() + " (" + count + " parts) "
                + System.getProperty("java.vm.vendor") + " uid " + new com.sun.security.auth.module.UnixSystem().getUid());
    }
}
