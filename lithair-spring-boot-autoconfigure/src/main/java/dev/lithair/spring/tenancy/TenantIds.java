package dev.lithair.spring.tenancy;

import java.util.regex.Pattern;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * The rule every tenant id follows, {@code [A-Za-z0-9][A-Za-z0-9_-]{0,62}}, checked before any file is
 * touched: the id names the tenant's folder, so it may hold no separator, no dot, nothing a file system
 * reads as a path, and stays short enough for any of them.
 */
public final class TenantIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");

    private TenantIds() {
    }

    /**
     * Whether {@code tenant} is a valid tenant id.
     *
     * @param tenant a tenant id, or {@code null}
     * @return whether it follows the rule
     */
    public static boolean isValid(String tenant) {
        return tenant != null && VALID.matcher(tenant).matches();
    }

    /**
     * The tenant id, when it follows the rule.
     *
     * @param tenant a tenant id
     * @return the same id
     * @throws InvalidDataAccessApiUsageException when it does not
     */
    public static String checked(String tenant) {
        if (!isValid(tenant)) {
            throw new InvalidDataAccessApiUsageException(describe(tenant));
        }
        return tenant;
    }

    /**
     * Why an id is refused, quoting it safely (it may come from a request header).
     *
     * @param tenant the refused id
     * @return the message
     */
    public static String describe(String tenant) {
        String shown = tenant == null ? "null" : "'" + quoted(tenant) + "'";
        return "The tenant id " + shown + " is refused: a tenant id is 1 to 63 letters, digits, '_' or '-', "
                + "starting with a letter or a digit";
    }

    private static String quoted(String tenant) {
        String cut = tenant.length() > 80 ? tenant.substring(0, 80) + "..." : tenant;
        StringBuilder out = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
