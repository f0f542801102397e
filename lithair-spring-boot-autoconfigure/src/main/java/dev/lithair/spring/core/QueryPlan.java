package dev.lithair.spring.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.springframework.data.domain.Sort;
import org.springframework.data.repository.query.parser.Part;

/**
 * How a query finds its candidates: per or-ed branch, the one condition an index answers (an
 * equality or {@code In} on an {@code @Indexed} field, a range on an {@code @Indexed(sorted = true)}
 * one), or a scan of every live entity of the type. The other conditions of the branch are then
 * checked on the candidates. A query without conditions but ordered by a sorted field and limited
 * (top-N) reads the index in order. Decided from the query's shape alone, so that it can be told at
 * start-up which query methods will scan; at run time a limited query ordered by a sorted field may
 * still walk that index rather than use its branch's access, when the index counts say it is cheaper.
 */
public final class QueryPlan {

    /** How one branch finds its candidates. */
    public enum Access {
        /** Ids from the hash index, for an equality (or {@code IsNull}). */
        EQUAL,
        /** Ids from the hash index, one lookup per value of an {@code In}. */
        IN,
        /** Ids from the sorted index, for a range. */
        RANGE,
        /** Every live entity, each tested. */
        SCAN
    }

    /**
     * A branch's access and the condition it uses.
     *
     * @param access    how the branch finds its candidates
     * @param condition the condition the index answers, or {@code null} for a scan
     */
    public record BranchAccess(Access access, Condition condition) {
    }

    private final List<BranchAccess> branches;
    private final String orderedBy;
    private final List<String> scanReasons;

    private QueryPlan(List<BranchAccess> branches, String orderedBy, List<String> scanReasons) {
        this.branches = branches;
        this.orderedBy = orderedBy;
        this.scanReasons = scanReasons;
    }

    /**
     * The plan of a query of the given shape.
     *
     * @param entityType name used in the reasons, e.g. {@code Product}
     * @param branches   the or-ed branches of and-ed conditions (arguments may be placeholders)
     * @param sort       the static order of the query
     * @param limited    whether the query keeps only the first results (top-N, paging)
     * @param indexed    whether a top-level field has an equality index
     * @param sorted     whether a top-level field has an ordered index
     * @return the plan
     */
    public static QueryPlan of(String entityType, List<List<Condition>> branches, Sort sort, boolean limited,
            Predicate<String> indexed, Predicate<String> sorted) {
        List<BranchAccess> accesses = new ArrayList<>(branches.size());
        Set<String> reasons = new LinkedHashSet<>();
        for (List<Condition> branch : branches) {
            BranchAccess access = choose(branch, indexed, sorted);
            accesses.add(access);
            if (access.access() == Access.SCAN) {
                reasons.add(reason(entityType, branch, indexed, sorted));
            }
        }
        String orderedBy = null;
        if (branches.isEmpty() && sort.isSorted() && limited) {
            Sort.Order first = sort.iterator().next();
            boolean single = sort.stream().count() == 1;
            if (single && !first.isIgnoreCase() && first.getNullHandling() == Sort.NullHandling.NATIVE
                    && !first.getProperty().contains(".") && sorted.test(first.getProperty())) {
                orderedBy = first.getProperty();
            } else {
                reasons.add("the first results in the order of " + sort.stream().map(Sort.Order::getProperty).toList()
                        + " need a scan; only one field with @Indexed(sorted = true) on " + entityType
                        + " gives them without one");
            }
        }
        return new QueryPlan(List.copyOf(accesses), orderedBy, List.copyOf(reasons));
    }

    /**
     * The branch's best index access, or a scan.
     *
     * @param branch  and-ed conditions
     * @param indexed whether a top-level field has an equality index
     * @param sorted  whether a top-level field has an ordered index
     * @return the access
     */
    public static BranchAccess choose(List<Condition> branch, Predicate<String> indexed, Predicate<String> sorted) {
        BranchAccess best = new BranchAccess(Access.SCAN, null);
        for (Condition condition : branch) {
            String field = condition.indexableField();
            if (field == null || condition.ignoreCase()) {
                continue;
            }
            Part.Type type = condition.type();
            boolean equalityIndexed = indexed.test(field) || sorted.test(field);
            if (isEquality(type) && equalityIndexed) {
                return new BranchAccess(Access.EQUAL, condition);
            }
            if (type == Part.Type.IN && equalityIndexed && best.access() == Access.SCAN) {
                best = new BranchAccess(Access.IN, condition);
            } else if (isRange(type) && sorted.test(field)
                    && (best.access() == Access.SCAN)) {
                best = new BranchAccess(Access.RANGE, condition);
            }
        }
        return best;
    }

    /** A condition an equality lookup answers: {@code Is}, {@code IsNull}, {@code True}, {@code False}. */
    static boolean isEquality(Part.Type type) {
        return type == Part.Type.SIMPLE_PROPERTY || type == Part.Type.IS_NULL || type == Part.Type.TRUE
                || type == Part.Type.FALSE;
    }

    static boolean isRange(Part.Type type) {
        switch (type) {
            case BETWEEN:
            case LESS_THAN:
            case LESS_THAN_EQUAL:
            case GREATER_THAN:
            case GREATER_THAN_EQUAL:
            case BEFORE:
            case AFTER:
                return true;
            default:
                return false;
        }
    }

    private static String reason(String entityType, List<Condition> branch, Predicate<String> indexed,
            Predicate<String> sorted) {
        List<String> advice = new ArrayList<>();
        for (Condition condition : branch) {
            String field = condition.indexableField();
            String property = entityType + "." + condition.path().toDotPath();
            if (field == null) {
                advice.add(property + " is nested (only top-level fields are indexed)");
            } else if (condition.ignoreCase()) {
                advice.add(property + " is compared ignoring case (indexes compare exact values)");
            } else if (isRange(condition.type())) {
                if (!sorted.test(field)) {
                    advice.add(property + " has no @Indexed(sorted = true)");
                }
            } else if (isEquality(condition.type()) || condition.type() == Part.Type.IN) {
                if (!indexed.test(field) && !sorted.test(field)) {
                    advice.add(property + " has no @Indexed");
                }
            } else {
                advice.add(property + " " + keyword(condition.type()) + " cannot use an index (indexes answer "
                        + "equality, In, IsNull, True and False, and ranges when sorted)");
            }
        }
        return String.join("; ", advice);
    }

    /** The keyword of a comparison as method names spell it: {@code Containing}, {@code StartingWith}. */
    private static String keyword(Part.Type type) {
        String first = type.getKeywords().iterator().next();
        return first.startsWith("Is") && first.length() > 2 ? first.substring(2) : first;
    }

    /** {@return each branch's access, in order} */
    public List<BranchAccess> branches() {
        return branches;
    }

    /**
     * The sorted field a condition-less top-N reads in order, or {@code null}.
     *
     * @return the field, or {@code null}
     */
    public String orderedBy() {
        return orderedBy;
    }

    /**
     * Whether answering the query scans every live entity of its type.
     *
     * @return whether it scans
     */
    public boolean scans() {
        return !scanReasons.isEmpty();
    }

    /**
     * Why the query scans, one sentence per cause, naming the missing {@code @Indexed}.
     *
     * @return the reasons
     */
    public List<String> scanReasons() {
        return scanReasons;
    }
}
