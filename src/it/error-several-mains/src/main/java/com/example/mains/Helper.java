package com.example.mains;

/** Has a method called main that is not an entry point (not static). */
public class Helper {
    public void main(String[] args) {
    }
}
