package com.example.fat;

/** A second main: only the fat jar's manifest says which one starts the application. */
public class Tool {
    public static void main(String[] args) {
        System.out.println("tool");
    }
}
