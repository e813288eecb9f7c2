package com.example.jlinkrebuild;

final class Greeting {
    static String text() {
        return "version-two";
    }
}
