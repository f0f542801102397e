package dev.lithair.spring.repository.support;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.springframework.aop.SpringProxy;
import org.springframework.aop.TargetClassAware;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.cglib.core.SpringNamingPolicy;
import org.springframework.cglib.proxy.Callback;
import org.springframework.cglib.proxy.CallbackFilter;
import org.springframework.cglib.proxy.Dispatcher;
import org.springframework.cglib.proxy.Enhancer;
import org.springframework.cglib.proxy.NoOp;
import org.springframework.core.DecoratingProxy;
import org.springframework.data.repository.core.RepositoryInformation;
import org.springframework.data.repository.core.support.RepositoryProxyPostProcessor;

/**
 * Puts a class generated per repository interface in front of Spring Data's repository proxy: the
 * methods nothing in the proxy's chain has work for are compiled into direct calls of the repository's
 * base class ({@link SimpleLithairRepository} or the configured one), every other method is a direct
 * call of Spring Data's proxy. On Spring AOT's generated artifacts and in a native image the front is
 * not made, and Spring Data's proxy answers alone, at over 20 times the cost of a base-class call
 * through the front ({@code SpringLayerOverheadBenchmark}: {@code proxyFindById} against
 * {@code repositoryFindById}).
 *
 * <p>Why the plain proxy there: a native image cannot define a class at run time, and generating the
 * front during AOT processing would mean creating each repository while the application is processed,
 * which AOT processing does not do (it writes bean definitions, it creates no beans). The JVM on AOT's
 * artifacts takes the same path as the native image they prepare, so that what is tested on the JVM is
 * what runs natively.
 *
 * <p>Why: a Spring Data repository proxy is a JDK dynamic proxy that builds an invocation object per
 * call, walks its interceptors (default methods, query methods, then the composition of fragments,
 * which looks the implementing method up again) and ends in a reflective call. For a {@code findById}
 * answered from memory in tens of nanoseconds, that walk costs several times the lookup itself. The
 * generated class dispatches with plain interface calls the JIT inlines, so a base-class call costs
 * about what the base class costs.
 *
 * <p>The methods taken directly are decided once, when the repository is built, with Spring Data's
 * own answers: a method of the base class, not a query method, not implemented by a custom fragment,
 * not a default method, and returning the very type the base class returns (so no result conversion
 * is skipped). Invocation listeners (repository metrics) are told by the proxy's chain, so the factory
 * turns the shortcut off when it has some. The chain's other front interceptors have nothing to add
 * for these methods: Spring Data's nullness validation (for null-marked interfaces) is what the base
 * class does itself, rejecting a null argument with the same {@code IllegalArgumentException} and
 * returning no null of its own (a null that the function given to {@code findBy(Example, Function)}
 * returns is passed on, where the validator would refuse it); the exception translation has nothing
 * to translate, since the base class's {@code LithairOperations} already throw Spring's exceptions for
 * the store's; and the invocation the proxy exposes is read by no Lithair code. The front object keeps the proxy's interfaces (the repository
 * interface, {@code Repository}, {@code TransactionalProxy}, so that no second transaction proxy is put
 * around it) except Spring AOP's own: advice added later to the proxy's configuration would not see the
 * direct calls, so the front does not offer that configuration; other aspects wrap the front as they
 * would wrap any bean. It answers {@link TargetClassAware#getTargetClass()} like the proxy.
 */
final class BaseMethodShortcut implements RepositoryProxyPostProcessor {

    private static final int BASE_CLASS = 0;
    private static final int SPRING_DATA_PROXY = 1;
    private static final int OBJECT_IDENTITY = 2;

    private final BooleanSupplier enabled;
    /** What {@link #postProcess} learned about the repository the calling thread is building. */
    private final ThreadLocal<DirectCalls> building = new ThreadLocal<>();

    /** @param enabled asked as each repository is built: whether the shortcut may be taken */
    BaseMethodShortcut(BooleanSupplier enabled) {
        this.enabled = enabled;
    }

    /** Called by Spring Data while it configures the proxy: notes the base-class instance and its direct methods. */
    @Override
    public void postProcess(ProxyFactory factory, RepositoryInformation information) {
        building.remove();
        if (!enabled.getAsBoolean()) {
            return;
        }
        Object target = targetOf(factory);
        Set<Method> direct = new HashSet<>();
        for (Method method : information.getRepositoryInterface().getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || !information.isBaseClassMethod(method)
                    || information.isCustomMethod(method) || information.isQueryMethod(method)
                    || !method.getDeclaringClass().isInstance(target)) {
                continue;
            }
            Method implementation = information.getTargetClassMethod(method);
            if (implementation.getReturnType() == method.getReturnType()
                    && implementation.getDeclaringClass().isAssignableFrom(information.getRepositoryBaseClass())) {
                direct.add(method);
            }
        }
        if (!direct.isEmpty()) {
            building.set(new DirectCalls(target, Set.copyOf(direct)));
        }
    }

    private static Object targetOf(ProxyFactory factory) {
        try {
            return Objects.requireNonNull(factory.getTargetSource().getTarget(), "no base class instance");
        } catch (Exception e) {
            throw new IllegalStateException("The repository's base class instance cannot be read", e);
        }
    }

    /**
     * The repository to hand out for the proxy Spring Data just built on this thread: the front when
     * {@link #postProcess} found direct methods, otherwise the proxy itself.
     */
    <T> T front(T proxy, Class<T> repositoryInterface) {
        DirectCalls calls = building.get();
        building.remove();
        if (calls == null) {
            return proxy;
        }
        Enhancer enhancer = new Enhancer();
        enhancer.setClassLoader(repositoryInterface.getClassLoader());
        // defined next to the interface, through a lookup in its package: it may be package-private
        enhancer.setContextClass(repositoryInterface);
        enhancer.setNamingPolicy(SpringNamingPolicy.INSTANCE);
        enhancer.setUseFactory(false);
        enhancer.setInterfaces(frontInterfaces(proxy, repositoryInterface));
        enhancer.setCallbackFilter(new Dispatch(calls.methods()));
        Dispatcher toBaseClass = calls::target;
        Dispatcher toProxy = () -> proxy;
        enhancer.setCallbacks(new Callback[] {toBaseClass, toProxy, NoOp.INSTANCE});
        return repositoryInterface.cast(enhancer.create());
    }

    private static Class<?>[] frontInterfaces(Object proxy, Class<?> repositoryInterface) {
        List<Class<?>> interfaces = new ArrayList<>();
        interfaces.add(repositoryInterface);
        for (Class<?> implemented : proxy.getClass().getInterfaces()) {
            boolean aopInfrastructure = implemented == SpringProxy.class || implemented == Advised.class
                    || implemented == DecoratingProxy.class;
            if (!aopInfrastructure && !interfaces.contains(implemented)) {
                interfaces.add(implemented);
            }
        }
        interfaces.add(TargetClassAware.class);
        return interfaces.toArray(Class<?>[]::new);
    }

    /** The base-class instance and the interface methods called on it directly. */
    private record DirectCalls(Object target, Set<Method> methods) {
    }

    /**
     * Which callback answers each method of the generated class. Equal for equal method sets, so that
     * Spring's class cache gives repositories of the same interface one generated class.
     */
    private static final class Dispatch implements CallbackFilter {

        private final Set<Method> direct;

        Dispatch(Set<Method> direct) {
            this.direct = direct;
        }

        @Override
        public int accept(Method method) {
            if (direct.contains(method)) {
                return BASE_CLASS;
            }
            // equals and hashCode by identity: the proxy's equals only recognises other JDK proxies
            boolean objectMethod = method.getDeclaringClass() == Object.class && !method.getName().equals("toString");
            return objectMethod ? OBJECT_IDENTITY : SPRING_DATA_PROXY;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Dispatch && ((Dispatch) other).direct.equals(direct);
        }

        @Override
        public int hashCode() {
            return direct.hashCode();
        }
    }
}
