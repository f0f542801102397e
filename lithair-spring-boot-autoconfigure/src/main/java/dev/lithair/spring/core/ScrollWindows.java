package dev.lithair.spring.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.OffsetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

import dev.lithair.model.EntityCodec;

/**
 * Answers scroll queries with Spring Data {@link Window}s, from an offset or from a keyset position.
 *
 * <p>A keyset window holds the matches strictly after the position in the query's order with the
 * id as the last key (see {@link ResultOrder}), so a scroll returns every entity that exists for
 * its whole length and keeps its sort values exactly once, whatever is written meanwhile; an
 * ordered query on an {@code @Indexed(sorted = true)} field reads only the window from the index. A
 * backward window holds the matches just before the position, in the query's order, as Spring Data
 * JPA's do. An offset window counts matches as they are when it is read. Thread-safe.
 */
final class ScrollWindows {

    private final LithairQueryEngine queries;

    ScrollWindows(LithairQueryEngine queries) {
        this.queries = Objects.requireNonNull(queries, "queries");
    }

    /**
     * The window of {@code query}'s matches at {@code position}, of at most {@code query.limit()}
     * entities (all when unlimited).
     *
     * @param staged as for {@link LithairQueryEngine#find}
     */
    <T> Window<T> scroll(Class<T> type, EntityCodec<T> codec, EntityQuery query, ScrollPosition position,
            Collection<T> staged) {
        if (query.offset() != 0) {
            throw new InvalidDataAccessApiUsageException("a scroll query starts at its position, not at an offset");
        }
        if (position instanceof OffsetScrollPosition offset) {
            return fromOffset(type, codec, query, offset, staged);
        }
        if (position instanceof KeysetScrollPosition keyset) {
            return fromKeyset(type, codec, query, keyset, staged);
        }
        throw new InvalidDataAccessApiUsageException("unsupported scroll position " + position
                + ": use ScrollPosition.offset() or ScrollPosition.keyset()");
    }

    private <T> Window<T> fromOffset(Class<T> type, EntityCodec<T> codec, EntityQuery query,
            OffsetScrollPosition position, Collection<T> staged) {
        // an offset position is the index of the last entity already read
        long start = position.isInitial() ? 0 : position.getOffset() + 1;
        List<T> found = queries.find(type, codec, query.window(start, oneMore(query)), staged);
        boolean more = query.limited() && found.size() > query.limit();
        List<T> content = more ? found.subList(0, query.limit()) : found;
        return Window.from(content, OffsetScrollPosition.positionFunction(start), more);
    }

    private <T> Window<T> fromKeyset(Class<T> type, EntityCodec<T> codec, EntityQuery query,
            KeysetScrollPosition position, Collection<T> staged) {
        ResultOrder forward = ResultOrder.of(query.sort(), codec.model());
        ResultOrder order = position.scrollsBackward() ? forward.reversed() : forward;
        Map<String, Object> after = position.isInitial() ? null : order.readPosition(position.getKeys());
        List<T> found = queries.findAfter(type, codec, query.window(0, oneMore(query)), order, after, staged);
        boolean more = query.limited() && found.size() > query.limit();
        List<T> content = new ArrayList<>(more ? found.subList(0, query.limit()) : found);
        if (position.scrollsBackward()) {
            Collections.reverse(content);
        }
        return Window.from(content, index -> ScrollPosition.of(forward.positionOf(content.get(index)),
                position.getDirection()), more);
    }

    /** One more than the window holds, to tell whether another window follows. */
    private static int oneMore(EntityQuery query) {
        return query.limited() && query.limit() < Integer.MAX_VALUE ? query.limit() + 1 : EntityQuery.UNLIMITED;
    }
}
