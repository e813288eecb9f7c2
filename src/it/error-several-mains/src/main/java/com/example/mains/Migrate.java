package com.example.mains;

public class Migrate {
    public static void main(String[] args) {
        System.out.println("migrate");
    }

    /** Not a second entry point: wrong signature. */
    static void main(int ignored) {
    }
}
