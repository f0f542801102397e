package dev.lithair.spring.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.autoconfigure.metrics.DataRepositoryMetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.annotation.EnableTransactionManagement;

import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.model.EntityModel;
import dev.lithair.spring.boot.autoconfigure.LithairRepositoriesAutoConfiguration;
import dev.lithair.spring.boot.autoconfigure.LithairTransactionAutoConfiguration;
import dev.lithair.spring.observation.dispatch.Courier;
import dev.lithair.spring.observation.dispatch.CourierRepository;
import dev.lithair.spring.observation.dispatch.Dispatch;
import dev.lithair.spring.observation.dispatch.Parcel;
import dev.lithair.spring.observation.dispatch.ParcelRepository;
import dev.lithair.spring.repository.config.LithairRepositoryEntityTypes;
import dev.lithair.store.FsyncPolicy;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;

/**
 * Commits and repository calls are spans of Micrometer's test tracer when the observation registry has a
 * tracing handler, children of the observation current on the calling thread; without a handler the
 * repositories keep their direct calls.
 */
class ObservationTest {

    @TempDir
    Path dataDir;

    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackageClasses = ParcelRepository.class)
    @EnableTransactionManagement
    static class DispatchApplication {

        @Bean(destroyMethod = "close")
        LithairStore lithairStore(@Value("${dispatch.data-dir}") Path dir, LithairRepositoryEntityTypes types) {
            return LithairStore.open(StoreOptions.defaults(dir).withFsyncPolicy(FsyncPolicy.ALWAYS), types.types()
                    .stream().<EntityModel<?>>map(type -> EntityModel.of(type, HistoryPolicy.NONE)).toList());
        }

        @Bean
        Dispatch dispatch(ParcelRepository parcels, CourierRepository couriers) {
            return new Dispatch(parcels, couriers);
        }
    }

    /** An observation registry whose one handler turns observations into the test tracer's spans. */
    @Configuration(proxyBeanMethods = false)
    static class Tracing {

        @Bean
        SimpleTracer tracer() {
            return new SimpleTracer();
        }

        @Bean
        ObservationRegistry observationRegistry(SimpleTracer tracer) {
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig().observationHandler(new DefaultTracingObservationHandler(tracer));
            return registry;
        }
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LithairRepositoriesAutoConfiguration.class,
                        LithairTransactionAutoConfiguration.class))
                .withPropertyValues("dispatch.data-dir=" + dataDir)
                .withUserConfiguration(DispatchApplication.class);
    }

    private static SimpleSpan span(SimpleTracer tracer, String name) {
        List<SimpleSpan> named = tracer.getSpans().stream().filter(span -> name.equals(span.getName())).toList();
        assertThat(named).as("spans named %s", name).hasSize(1);
        return named.get(0);
    }

    @Test
    void aTransactionalMethodSavingTwoEntitiesIsTwoRepositorySpansAndOneCommitSpanUnderTheMethodsSpan() {
        runner().withUserConfiguration(Tracing.class).run(context -> {
            SimpleTracer tracer = context.getBean(SimpleTracer.class);
            ObservationRegistry registry = context.getBean(ObservationRegistry.class);
            Dispatch dispatch = context.getBean(Dispatch.class);

            Observation.createNotStarted("dispatch", registry)
                    .observe(() -> dispatch.ship(new Parcel("p1", "A-1"), new Courier("c1", "Ada")));

            assertThat(tracer.getSpans()).extracting(SimpleSpan::getName).containsExactlyInAnyOrder("dispatch",
                    "ParcelRepository.save", "CourierRepository.save", "lithair commit");
            SimpleSpan method = span(tracer, "dispatch");
            SimpleSpan parcelSave = span(tracer, "ParcelRepository.save");
            SimpleSpan courierSave = span(tracer, "CourierRepository.save");
            SimpleSpan commit = span(tracer, "lithair commit");
            assertThat(List.of(parcelSave, courierSave, commit)).allSatisfy(child -> {
                assertThat(child.getParentId()).isEqualTo(method.getSpanId());
                assertThat(child.getTraceId()).isEqualTo(method.getTraceId());
            });
            assertThat(parcelSave.getTags()).containsEntry("lithair.repository.interface", "ParcelRepository")
                    .containsEntry("lithair.repository.method", "save").containsEntry("lithair.outcome", "success");
            assertThat(courierSave.getTags()).containsEntry("lithair.repository.interface", "CourierRepository");
            LithairStore store = context.getBean(LithairStore.class);
            assertThat(commit.getTags()).containsEntry("lithair.entity.types", "Courier,Parcel")
                    .containsEntry("lithair.outcome", "success").containsEntry("lithair.commit.operations", "2")
                    .containsEntry("lithair.commit.sequence", Long.toString(store.lastSequence()))
                    .hasEntrySatisfying("lithair.commit.force.wait.nanos",
                            nanos -> assertThat(Long.parseLong(nanos)).isNotNegative());
            assertThat(store.get("Parcel", "p1")).isPresent();
            assertThat(store.get("Courier", "c1")).isPresent();
        });
    }

    @Test
    void aPlainSaveIsARepositorySpanWithItsCommitAsChild() {
        runner().withUserConfiguration(Tracing.class).run(context -> {
            SimpleTracer tracer = context.getBean(SimpleTracer.class);

            context.getBean(ParcelRepository.class).save(new Parcel("p1", "A-1"));

            assertThat(Proxy.isProxyClass(context.getBean(ParcelRepository.class).getClass()))
                    .as("behind Spring Data's proxy, which observes the call").isTrue();
            assertThat(tracer.getSpans()).hasSize(2);
            SimpleSpan save = span(tracer, "ParcelRepository.save");
            SimpleSpan commit = span(tracer, "lithair commit");
            assertThat(commit.getParentId()).isEqualTo(save.getSpanId());
            assertThat(commit.getTags()).containsEntry("lithair.entity.types", "Parcel")
                    .containsEntry("lithair.commit.operations", "1").containsEntry("lithair.outcome", "success");
            assertThat(context.getBean(LithairStore.class).get("Parcel", "p1")).isPresent();
        });
    }

    @Test
    void aRefusedCommitIsTaggedWithItsOutcomeAndCarriesTheErrorTheCallerGot() {
        runner().withUserConfiguration(Tracing.class).run(context -> {
            SimpleTracer tracer = context.getBean(SimpleTracer.class);
            ParcelRepository parcels = context.getBean(ParcelRepository.class);
            parcels.save(new Parcel("p1", "A-1"));
            tracer.getSpans().clear();

            assertThatThrownBy(() -> parcels.save(new Parcel("p2", "A-1"))).isInstanceOf(DuplicateKeyException.class);

            SimpleSpan save = span(tracer, "ParcelRepository.save");
            SimpleSpan commit = span(tracer, "lithair commit");
            assertThat(commit.getTags()).containsEntry("lithair.outcome", "unique-violation")
                    .doesNotContainKeys("lithair.commit.sequence", "lithair.commit.force.wait.nanos");
            assertThat(commit.getError()).isInstanceOf(DuplicateKeyException.class);
            assertThat(save.getTags()).containsEntry("lithair.outcome", "error");
            assertThat(save.getError()).isInstanceOf(DuplicateKeyException.class);
            assertThat(parcels.findAll()).extracting(Parcel::id).containsExactly("p1");
        });
    }

    @Test
    void theApplicationsConventionsNameAndTagTheObservations() {
        runner().withUserConfiguration(Tracing.class).withBean(CommitObservationConvention.class,
                () -> new DefaultCommitObservationConvention() {
                    @Override
                    public String getContextualName(CommitObservationContext context) {
                        return "write " + String.join("+", context.getEntityTypes());
                    }
                }).withBean(RepositoryObservationConvention.class, () -> new DefaultRepositoryObservationConvention() {
                    @Override
                    public KeyValues getLowCardinalityKeyValues(RepositoryObservationContext context) {
                        return super.getLowCardinalityKeyValues(context).and("team", "logistics");
                    }
                }).run(context -> {
                    SimpleTracer tracer = context.getBean(SimpleTracer.class);

                    context.getBean(ParcelRepository.class).save(new Parcel("p1", "A-1"));

                    assertThat(span(tracer, "write Parcel").getTags()).containsEntry("lithair.outcome", "success");
                    assertThat(span(tracer, "ParcelRepository.save").getTags()).containsEntry("team", "logistics");
                });
    }

    @Test
    void withAMeterHandlerCommitsAndCallsAreTimedBesideSpringDatasRepositoryMetrics() {
        runner().withConfiguration(AutoConfigurations.of(DataRepositoryMetricsAutoConfiguration.class))
                .withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
                .withBean(ObservationRegistry.class, ObservationRegistry::create)
                .withInitializer(context -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                    @Override
                    public Object postProcessAfterInitialization(Object bean, String name) {
                        if (bean instanceof ObservationRegistry registry) {
                            registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(
                                    context.getBean(SimpleMeterRegistry.class)));
                        }
                        return bean;
                    }
                })).run(context -> {
                    SimpleMeterRegistry meters = context.getBean(SimpleMeterRegistry.class);

                    context.getBean(ParcelRepository.class).save(new Parcel("p1", "A-1"));

                    assertThat(meters.get("lithair.commit").tag("lithair.entity.types", "Parcel")
                            .tag("lithair.outcome", "success").timer().count()).isEqualTo(1);
                    assertThat(meters.get("lithair.repository").tag("lithair.repository.method", "save")
                            .tag("lithair.repository.interface", "ParcelRepository").timer().count()).isEqualTo(1);
                    assertThat(meters.get("spring.data.repository.invocations").tag("method", "save").timer().count())
                            .isEqualTo(1);
                    assertThat(meters.find("lithair.commit").tagKeys("lithair.commit.operations").timer()).isNull();
                });
    }

    @Test
    void withARegistryWithoutHandlersRepositoriesKeepTheirDirectCallsAndSavesStillCommit() {
        runner().withBean(ObservationRegistry.class, ObservationRegistry::create).run(context -> {
            ParcelRepository parcels = context.getBean(ParcelRepository.class);

            parcels.save(new Parcel("p1", "A-1"));

            assertThat(Proxy.isProxyClass(parcels.getClass())).as("behind Spring Data's proxy").isFalse();
            assertThat(context.getBean(LithairStore.class).get("Parcel", "p1")).isPresent();
        });
    }

    @Test
    void withoutARegistryRepositoriesKeepTheirDirectCallsAndSavesStillCommit() {
        runner().run(context -> {
            ParcelRepository parcels = context.getBean(ParcelRepository.class);

            parcels.save(new Parcel("p1", "A-1"));

            assertThat(Proxy.isProxyClass(parcels.getClass())).as("behind Spring Data's proxy").isFalse();
            assertThat(context.getBean(LithairStore.class).get("Parcel", "p1")).isPresent();
        });
    }
}
