package com.example.lib;

/** Library code only: no class declares public static void main(String[]). */
public class Greeter {
    public String greet(String name) {
        return "hello " + name;
    }

    /** Wrong shape for an entry point: not static. */
    public void main(String[] args) {
    }
}
