package com.example.fat;

import com.google.gson.Gson;

/** Like Vert.x's Launcher: does nothing useful without arguments (run VERTICLE --conf FILE). */
public class Launcher {
    public static void main(String[] args) {
        if (args.length == 0) {
            System.out.println("usage: run VERTICLE [--conf FILE]");
            System.exit(2);
        }
        System.out.println("fat args: " + String.join("|", args));
        System.out.println("fat json: " + new Gson().toJson(args.length));
    }
}
