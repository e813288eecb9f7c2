package com.example.usage;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;

/** Like Dropwizard's: serves only when told to ("server"); without a command it prints how to use it and exits 0. */
public class Main {
    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !args[0].equals("server")) {
            System.out.println("usage: app [-h] {server,check} ...");
            System.out.println("positional arguments: server  runs the application as an HTTP server");
            return;
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(8080), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        System.out.println("listening on 8080");
    }
}
