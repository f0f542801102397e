package dev.lithair.spring.repository.query;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.convert.DtoInstantiatingConverter;
import org.springframework.data.core.PropertyPath;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.SliceImpl;
import org.springframework.data.domain.Sort;
import org.springframework.data.mapping.model.EntityInstantiators;
import org.springframework.data.repository.query.ParametersParameterAccessor;
import org.springframework.data.repository.query.QueryCreationException;
import org.springframework.data.repository.query.QueryMethod;
import org.springframework.data.repository.query.RepositoryQuery;
import org.springframework.data.repository.query.ResultProcessor;
import org.springframework.data.repository.query.ReturnedType;
import org.springframework.data.repository.query.parser.Part;
import org.springframework.data.repository.query.parser.PartTree;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.util.ClassUtils;

import dev.lithair.model.EntityModel;
import dev.lithair.model.FieldModel;
import dev.lithair.spring.core.Condition;
import dev.lithair.spring.core.EntityQuery;
import dev.lithair.spring.core.LithairOperations;
import dev.lithair.spring.core.QueryPlan;

/**
 * A derived query method ({@code findByCategoryAndPriceLessThan}, {@code countByStatus},
 * {@code existsByEmail}, {@code deleteByOwner}, {@code findTop10ByCategoryOrderByPriceDesc},
 * {@code Page<T> findByOwner(String, Pageable)}) run against the store through the
 * {@link LithairOperations}: from the indexes where the filtered or ordered properties are indexed,
 * by a scan otherwise. The method name is parsed once; when the method will scan, a warning naming
 * the missing {@code @Indexed} is logged when the repository is created.
 *
 * <p>Supported keywords: {@code And}, {@code Or}, {@code Is}/{@code Equals}, {@code Not},
 * {@code Between}, {@code LessThan(Equal)}, {@code GreaterThan(Equal)}, {@code Before},
 * {@code After}, {@code In}, {@code NotIn}, {@code (Is)Null}, {@code (Is)NotNull}, {@code Exists},
 * {@code True}, {@code False}, {@code Like}, {@code NotLike}, {@code StartingWith},
 * {@code EndingWith}, {@code Containing}, {@code NotContaining}, {@code Matches}/{@code Regex},
 * {@code (Is)Empty}, {@code (Is)NotEmpty}, {@code IgnoreCase}/{@code AllIgnoreCase},
 * {@code OrderBy}, {@code Top}/{@code First}, {@code Distinct} (results are distinct anyway), and
 * {@link Sort}, {@link Pageable}, {@link Limit} and {@link ScrollPosition} parameters ({@code Window}
 * results, scrolled by offset or keyset); results as entities, interface
 * projections or DTOs. {@code Near} and {@code Within} are refused at start-up.
 *
 * <p>Thread-safe: the parsed method is immutable, each call binds its own arguments.
 */
public class LithairPartTreeQuery implements RepositoryQuery {

    private static final Logger log = LoggerFactory.getLogger(LithairPartTreeQuery.class);
    private static final EntityInstantiators INSTANTIATORS = new EntityInstantiators();

    private final QueryMethod method;
    private final Class<?> repositoryInterface;
    private final LithairOperations operations;
    private final Class<?> domainType;
    private final PartTree tree;
    private final QueryPlan plan;

    /**
     * The query of a derived query method.
     *
     * @param method              the query method
     * @param repositoryInterface the repository declaring the method, named in the warning
     * @param operations          what the query reads through
     */
    public LithairPartTreeQuery(QueryMethod method, Class<?> repositoryInterface, LithairOperations operations) {
        this.method = method;
        this.repositoryInterface = repositoryInterface;
        this.operations = operations;
        this.domainType = method.getEntityInformation().getJavaType();
        this.tree = new PartTree(method.getName(), domainType);
        for (Part part : tree.getParts()) {
            if (part.getType() == Part.Type.NEAR || part.getType() == Part.Type.WITHIN) {
                throw QueryCreationException.create(method, "Lithair queries do not support " + part.getType());
            }
        }
        EntityModel<?> model = operations.codec(domainType).model();
        this.plan = QueryPlan.of(model.name(), shape(), tree.getSort(), isLimited(),
                field -> declares(model, field, false), field -> declares(model, field, true));
        if (plan.scans()) {
            log.warn("{} scans every {} on each call: {}", describe(), model.name(),
                    String.join("; ", plan.scanReasons()));
        }
    }

    /** Whether the model declares an index on a top-level field: sorted, or any (a unique one included). */
    private static boolean declares(EntityModel<?> model, String field, boolean sorted) {
        FieldModel declared = model.field(field);
        if (declared == null) {
            return false;
        }
        return sorted ? declared.sorted() : declared.indexed() || declared.sorted() || declared.unique();
    }

    /** {@code ProductRepository.findByName(String)}. */
    private String describe() {
        List<String> parameters = new ArrayList<>();
        for (org.springframework.data.repository.query.Parameter parameter : method.getParameters()) {
            parameters.add(parameter.getType().getSimpleName());
        }
        return ClassUtils.getShortName(repositoryInterface) + "." + method.getName() + "("
                + String.join(", ", parameters) + ")";
    }

    private boolean isLimited() {
        return tree.isLimiting() || method.isPageQuery() || method.isSliceQuery() || method.isScrollQuery()
                || method.getParameters().hasLimitParameter();
    }

    /**
     * How this query will find its candidates (decided from the declared indexes).
     *
     * @return the plan
     */
    public QueryPlan plan() {
        return plan;
    }

    @Override
    public QueryMethod getQueryMethod() {
        return method;
    }

    @Override
    public Object execute(Object[] parameters) {
        ParametersParameterAccessor accessor = new ParametersParameterAccessor(method.getParameters(), parameters);
        EntityQuery query = new EntityQuery(bind(accessor), null, tree.getSort().and(accessor.getSort()), 0,
                EntityQuery.UNLIMITED);
        int limit = limit(accessor);
        ResultProcessor processor = method.getResultProcessor().withDynamicProjection(accessor);
        Object result = run(query, limit, accessor);
        ReturnedType returned = processor.getReturnedType();
        if (returned.isDtoProjection() && !tree.isCountProjection() && !tree.isExistsProjection()) {
            return processor.processResult(result, new DtoInstantiatingConverter(returned.getReturnedType(),
                    operations.mappingContext(), INSTANTIATORS));
        }
        return processor.processResult(result);
    }

    /** The most results the method keeps: its {@code TopN}, its {@link Limit} argument, the smaller. */
    private int limit(ParametersParameterAccessor accessor) {
        int limit = EntityQuery.UNLIMITED;
        if (tree.isLimiting() && tree.getMaxResults() != null) {
            limit = tree.getMaxResults();
        }
        Limit dynamic = method.getParameters().hasLimitParameter() ? accessor.getLimit() : Limit.unlimited();
        if (dynamic.isLimited()) {
            limit = limit == EntityQuery.UNLIMITED ? dynamic.max() : Math.min(limit, dynamic.max());
        }
        return limit;
    }

    private Object run(EntityQuery query, int limit, ParametersParameterAccessor accessor) {
        if (tree.isDelete()) {
            List<?> deleted = operations.find(domainType, limit == EntityQuery.UNLIMITED ? query : query.window(0, limit));
            operations.deleteAll(deleted);
            if (method.isCollectionQuery()) {
                return deleted;
            }
            Class<?> returned = method.getReturnedObjectType();
            return returned == void.class || returned == Void.class ? null : (long) deleted.size();
        }
        if (tree.isCountProjection()) {
            long count = operations.count(domainType, query);
            return limit == EntityQuery.UNLIMITED ? count : Math.min(count, limit);
        }
        if (tree.isExistsProjection()) {
            return operations.exists(domainType, query);
        }
        if (method.isScrollQuery()) {
            return scroll(query, limit, accessor.getScrollPosition());
        }
        if (method.isPageQuery() || method.isSliceQuery()) {
            return page(query, limit, accessor.getPageable());
        }
        if (method.isCollectionQuery() || method.isStreamQuery()) {
            List<?> found = operations.find(domainType, limit == EntityQuery.UNLIMITED ? query : query.window(0, limit));
            return method.isStreamQuery() ? found.stream() : found;
        }
        int wanted = limit == EntityQuery.UNLIMITED ? 2 : Math.min(limit, 2);
        List<?> found = operations.find(domainType, query.window(0, wanted));
        if (found.size() > 1) {
            throw new IncorrectResultSizeDataAccessException(
                    describe() + " found more than one " + domainType.getSimpleName(), 1);
        }
        return found.isEmpty() ? null : found.get(0);
    }

    /** A window of at most {@code limit} matches (its {@code TopN} or {@link Limit}) from {@code position}. */
    private Object scroll(EntityQuery query, int limit, ScrollPosition position) {
        if (position == null) {
            throw new InvalidDataAccessApiUsageException(describe()
                    + " needs a ScrollPosition: pass ScrollPosition.keyset() or ScrollPosition.offset() to start");
        }
        return operations.scroll(domainType, query.window(0, limit), position);
    }

    /** A page (with its total) or a slice (without) of the matches, within the method's {@code TopN}. */
    private Object page(EntityQuery query, int limit, Pageable pageable) {
        if (pageable.isUnpaged()) {
            List<?> all = operations.find(domainType, limit == EntityQuery.UNLIMITED ? query : query.window(0, limit));
            return method.isPageQuery() ? PageableExecutionUtils.getPage(all, pageable, all::size)
                    : new SliceImpl<>(all, pageable, false);
        }
        long offset = pageable.getOffset();
        long end = offset + pageable.getPageSize();
        if (limit != EntityQuery.UNLIMITED) {
            end = Math.min(end, limit);
        }
        int size = (int) Math.max(0, end - offset);
        if (method.isSliceQuery()) {
            boolean more = limit == EntityQuery.UNLIMITED || end < limit;
            List<Object> content = new ArrayList<>(operations.find(domainType, query.window(offset, more ? size + 1 : size)));
            boolean hasNext = content.size() > size;
            return new SliceImpl<>(hasNext ? content.subList(0, size) : content, pageable, hasNext);
        }
        List<?> content = operations.find(domainType, query.window(offset, size));
        return PageableExecutionUtils.getPage(content, pageable, () -> {
            long total = operations.count(domainType, query);
            return limit == EntityQuery.UNLIMITED ? total : Math.min(total, limit);
        });
    }

    // ---------------------------------------------------------------- conditions

    /** The method's conditions with placeholder arguments: its shape, for the plan. */
    private List<List<Condition>> shape() {
        List<List<Condition>> branches = new ArrayList<>();
        for (PartTree.OrPart or : tree) {
            List<Condition> branch = new ArrayList<>();
            for (Part part : or) {
                branch.add(new Condition(part.getProperty(), part.getType(),
                        Collections.nCopies(part.getNumberOfArguments(), null), ignoreCase(part)));
            }
            branches.add(branch);
        }
        return branches;
    }

    /** The method's conditions, with the call's arguments converted to their properties' types. */
    private List<List<Condition>> bind(ParametersParameterAccessor accessor) {
        Iterator<Object> arguments = accessor.iterator();
        List<List<Condition>> branches = new ArrayList<>();
        for (PartTree.OrPart or : tree) {
            List<Condition> branch = new ArrayList<>();
            for (Part part : or) {
                List<Object> values = new ArrayList<>(part.getNumberOfArguments());
                for (int i = 0; i < part.getNumberOfArguments(); i++) {
                    values.add(convert(part, arguments.next()));
                }
                branch.add(new Condition(part.getProperty(), part.getType(), values, ignoreCase(part)));
            }
            branches.add(branch);
        }
        return branches;
    }

    private static boolean ignoreCase(Part part) {
        return part.shouldIgnoreCase() != Part.IgnoreCaseType.NEVER
                && part.getProperty().getLeafProperty().getType() == String.class;
    }

    /** An argument in the type of the property it is compared with (each element for {@code In}). */
    private Object convert(Part part, Object value) {
        if (value == null) {
            return null;
        }
        PropertyPath leaf = part.getProperty().getLeafProperty();
        switch (part.getType()) {
            case IN:
            case NOT_IN:
                List<Object> converted = new ArrayList<>();
                for (Object element : elements(value)) {
                    converted.add(convert(element, leaf.getType()));
                }
                return converted;
            case LIKE:
            case NOT_LIKE:
            case STARTING_WITH:
            case ENDING_WITH:
            case REGEX:
                return value;
            case CONTAINING:
            case NOT_CONTAINING:
                if (leaf.isCollection()) {
                    return convert(value, leaf.getTypeInformation().getRequiredActualType().getType());
                }
                return value;
            default:
                return convert(value, leaf.getType());
        }
    }

    private static Collection<?> elements(Object value) {
        if (value instanceof Collection<?>) {
            return (Collection<?>) value;
        }
        if (value.getClass().isArray()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                list.add(Array.get(value, i));
            }
            return list;
        }
        return List.of(value);
    }

    private static Object convert(Object value, Class<?> type) {
        if (value == null || ClassUtils.resolvePrimitiveIfNecessary(type).isInstance(value)) {
            return value;
        }
        try {
            return DefaultConversionService.getSharedInstance().convert(value, type);
        } catch (ConversionException e) {
            throw new InvalidDataAccessApiUsageException("cannot compare " + value + " with a " + type.getName(), e);
        }
    }
}
