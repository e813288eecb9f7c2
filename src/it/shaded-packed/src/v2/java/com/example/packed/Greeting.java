package com.example.packed;

final class Greeting {
    static final String VERSION = "VERSION-TWO";

    private Greeting() {
    }
}
