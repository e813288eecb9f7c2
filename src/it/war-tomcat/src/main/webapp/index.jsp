<%@ page contentType="text/plain;charset=UTF-8" %>jsp: <%= 6 * 7 %> on Java <%= System.getProperty("java.specification.version") %>
