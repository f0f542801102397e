package dev.lithair.replication.raft;

import java.util.regex.Pattern;

/**
 * The Raft group ids of tenants: {@code lithair-t-} followed by the tenant id (JRaft allows no dots). A
 * tenant id is one to 63 letters, digits, {@code _} or {@code -}, starting with a letter or digit, the rule
 * the tenants' folders follow, so an id read from a peer's request names no path outside the tenants' folder.
 */
final class TenantGroupIds {

    private static final String PREFIX = RaftClusterOptions.GROUP + "-t-";
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");

    private TenantGroupIds() {
    }

    /**
     * {@return the group id of the tenant}
     *
     * @throws IllegalArgumentException when the tenant id is not one
     */
    static String of(String tenant) {
        if (tenant == null || !TENANT.matcher(tenant).matches()) {
            throw new IllegalArgumentException("'" + tenant + "' is not a tenant id: 1 to 63 letters, digits, '_' "
                    + "or '-', starting with a letter or digit");
        }
        return PREFIX + tenant;
    }

    /** {@return the tenant of a tenant group id, or {@code null} when it is not one} */
    static String tenantOf(String groupId) {
        if (groupId == null || !groupId.startsWith(PREFIX)) {
            return null;
        }
        String tenant = groupId.substring(PREFIX.length());
        return TENANT.matcher(tenant).matches() ? tenant : null;
    }
}
