package com.example.own;

public class Main {
    public static void main(String[] args) {
        System.out.println("own Dockerfile project");
    }
}
