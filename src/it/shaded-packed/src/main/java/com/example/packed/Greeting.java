package com.example.packed;

final class Greeting {
    static final String VERSION = "VERSION-ONE";

    private Greeting() {
    }
}
