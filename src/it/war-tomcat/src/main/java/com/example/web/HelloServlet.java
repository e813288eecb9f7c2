package com.example.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.lang3.StringUtils;

@WebServlet("/hello")
public class HelloServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        String uid = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("Uid:")).map(l -> l.split("\\s+")[1]).findFirst().orElse("?");
        File webapp = new File(getServletContext().getRealPath("/"));
        File temp = new File(System.getProperty("java.io.tmpdir"));
        response.getWriter().println("servlet: " + StringUtils.upperCase("greeting ") + "VERSION-ONE");
        response.getWriter().println("uid: " + uid);
        response.getWriter().println("webapp " + webapp + " writable: " + canCreate(webapp));
        response.getWriter().println("temp " + temp + " writable: " + canCreate(temp));
    }

    private static boolean canCreate(File dir) {
        try {
            File probe = File.createTempFile("probe", ".tmp", dir);
            probe.delete();
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
