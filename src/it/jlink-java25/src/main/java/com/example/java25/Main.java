package com.example.java25;

import java.util.List;
import java.util.logging.Logger;

public class Main {

    sealed interface Shape permits Circle, Rect {}

    record Circle(double r) implements Shape {}

    record Rect(double w, double h) implements Shape {}

    /** Record patterns in a switch over a sealed type (Java 21) with an unnamed pattern variable (Java 22). */
    static String describe(Shape shape) {
        return switch (shape) {
            case Circle(var r) when r == 0 -> "point";
            case Circle(var r) -> "circle " + Math.round(Math.PI * r * r);
            case Rect(var w, _) when w == 0 -> "line";
            case Rect(var w, var h) -> "rect " + Math.round(w * h);
        };
    }

    public static void main(String[] args) {
        List<Shape> shapes = List.of(new Circle(2), new Rect(3, 4), new Circle(0), new Rect(0, 9));
        // SequencedCollection.reversed() is Java 21 API.
        List<String> described = shapes.reversed().stream().map(Main::describe).toList();
        System.out.println("java25 app on Java " + Runtime.version().feature() + ": " + String.join(", ", described));
        Logger.getLogger("java25").info("java.logging is linked");
    }
}
