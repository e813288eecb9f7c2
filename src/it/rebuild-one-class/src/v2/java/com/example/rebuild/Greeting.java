package com.example.rebuild;

final class Greeting {
    static String text() {
        return "version-two";
    }
}
