package com.example.nodaemon;

public class Main {
    public static void main(String[] args) {
        System.out.println("never built into an image");
    }
}
