package com.example.mains;

public class Server {
    public static void main(String[] args) {
        System.out.println("server");
    }
}
