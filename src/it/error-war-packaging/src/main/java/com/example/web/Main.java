package com.example.web;

/** Even with a main class, a war is no executable jar. */
public class Main {
    public static void main(String[] args) {
        System.out.println("not in a war");
    }
}
