package com.example.java8;

import java.util.Arrays;
import java.util.logging.Logger;
import java.util.stream.Collectors;

public class Main {
    public static void main(String[] args) {
        String joined = Arrays.asList("a", "b", "c").stream().map(String::toUpperCase).collect(Collectors.joining("+"));
        Logger.getLogger("java8").info("java.logging is linked");
        System.out.println("java8 app ran on Java " + System.getProperty("java.specification.version") + ": " + joined);
    }
}
