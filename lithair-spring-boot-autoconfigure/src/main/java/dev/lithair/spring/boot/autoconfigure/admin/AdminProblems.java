package dev.lithair.spring.boot.autoconfigure.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** Writes the admin routes' refusals as RFC 9457 problem details, outside Spring MVC's message converters. */
final class AdminProblems {

    /** Request attribute holding the title of the refusal written, for the audit of refused calls. */
    static final String REFUSAL_TITLE = AdminProblems.class.getName() + ".refusalTitle";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AdminProblems() {
    }

    static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
            String detail) throws IOException {
        request.setAttribute(REFUSAL_TITLE, title);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(JSON.writeValueAsBytes(problem));
    }
}
