package com.example.exports;

import com.sun.tools.javac.util.Convert;

/**
 * Uses a class of jdk.compiler's com.sun.tools.javac.util, a package the module does not export: it runs only when
 * the launcher applies the manifest's Add-Exports (java -jar) or the equivalent --add-exports option.
 */
public class Main {
    public static void main(String[] args) {
        System.out.println("javac quotes: " + Convert.quote("tab\there"));
    }
}
