package dev.lithair.support;

import java.math.BigDecimal;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Documents built to a measure: so deep, a number of so many digits, a text of so many characters. */
public final class Documents {

    private Documents() {
    }

    /** {@code {"id": id, "nested": {"nested": ... {}}}}: {@code depth} objects, the root included. */
    public static ObjectNode nested(String id, int depth) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("id", id);
        ObjectNode current = root;
        for (int level = 2; level <= depth; level++) {
            current = current.putObject("nested");
        }
        return root;
    }

    /** A document whose {@code amount} is a decimal of {@code digits} digits, 1 before the point. */
    public static ObjectNode withDecimal(String id, int digits) {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("id", id);
        document.put("amount", new BigDecimal("1." + "7".repeat(digits - 1)));
        return document;
    }

    /** A document whose {@code text} has {@code characters} characters. */
    public static ObjectNode withText(String id, String text) {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("id", id);
        document.put("text", text);
        return document;
    }
}
