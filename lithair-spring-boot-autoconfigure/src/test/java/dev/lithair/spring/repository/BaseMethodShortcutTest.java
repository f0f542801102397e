package dev.lithair.spring.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.AopUtils;
import org.springframework.aot.AotDetector;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.SpringProperties;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.interceptor.TransactionalProxy;

import dev.lithair.spring.boot.autoconfigure.LithairRepositoriesAutoConfiguration;
import dev.lithair.spring.boot.autoconfigure.LithairTransactionAutoConfiguration;
import dev.lithair.spring.core.LithairTemplate;
import dev.lithair.spring.repository.memo.Memo;
import dev.lithair.spring.repository.memo.MemoCountingImpl;
import dev.lithair.spring.repository.memo.MemoRepository;
import dev.lithair.spring.repository.memo.PlainMemoRepository;
import dev.lithair.spring.repository.support.LithairRepositoryFactory;
import dev.lithair.spring.repository.support.SimpleLithairRepository;

/**
 * Base-class methods skip the rest of the repository proxy's chain, and nothing else does: fragments,
 * query methods and default methods answer as before, exceptions come out as thrown, and invocation
 * listeners still hear every call.
 */
class BaseMethodShortcutTest {

    @TempDir
    Path dataDir;

    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage(basePackageClasses = MemoRepository.class)
    static class MemoApplication extends RepositoryConfigurationTest.StoreOnScannedTypes {
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(LithairRepositoriesAutoConfiguration.class,
                        LithairTransactionAutoConfiguration.class))
                .withPropertyValues("shop.data-dir=" + dataDir)
                .withUserConfiguration(MemoApplication.class);
    }

    /** Package-private, as repository interfaces often are: the front class must still be able to implement it. */
    interface PackagePrivateMemoRepository extends LithairRepository<Memo, String> {
    }

    private static boolean shortcut(Object repository) {
        return !Proxy.isProxyClass(repository.getClass());
    }

    @Test
    void baseClassMethodsAreShortcutWhileFragmentsQueriesAndDefaultMethodsKeepTheirAnswers() {
        runner().run(context -> {
            MemoRepository memos = context.getBean(MemoRepository.class);
            assertThat(shortcut(memos)).isTrue();

            memos.save(new Memo("m1", "travel", "pack light"));
            memos.saveAll(List.of(new Memo("m2", "travel", "tickets"), new Memo("m3", "food", "bread")));

            assertThat(memos.findById("m2")).contains(new Memo("m2", "travel", "tickets"));
            assertThat(memos.findAll()).hasSize(3);
            assertThat(memos.existsById("m3")).isTrue();
            // the fragment re-implements count(): its answer, not the base class's 3
            assertThat(memos.count()).isEqualTo(MemoCountingImpl.COUNT);
            assertThat(memos.findByTopic("travel")).extracting(Memo::id).containsExactlyInAnyOrder("m1", "m2");
            assertThat(memos.firstOfTopic("food")).map(Memo::id).contains("m3");
            // thrown by the base class, not wrapped by the reflective call
            assertThatThrownBy(() -> memos.findById(null)).isInstanceOfAny(IllegalArgumentException.class,
                    InvalidDataAccessApiUsageException.class);
        });
    }

    @Test
    void withAnInvocationListenerEveryCallGoesThroughTheChainThatTellsIt() {
        runner().run(context -> {
            LithairTemplate template = context.getBean(LithairTemplate.class);
            List<String> heard = new CopyOnWriteArrayList<>();

            LithairRepositoryFactory listened = new LithairRepositoryFactory(template);
            listened.addInvocationListener(invocation -> heard.add(invocation.getMethod().getName()));
            PlainMemoRepository memos = listened.getRepository(PlainMemoRepository.class);
            memos.save(new Memo("m1", "travel", "pack light"));
            assertThat(memos.findById("m1")).isPresent();

            assertThat(heard).containsExactly("save", "findById");
            assertThat(shortcut(memos)).isFalse();
            assertThat(shortcut(new LithairRepositoryFactory(template).getRepository(PlainMemoRepository.class)))
                    .isTrue();
        });
    }

    @Test
    void onSpringAotsGeneratedArtifactsRepositoriesAreSpringDatasProxyWithTheSameAnswers() {
        runner().run(context -> {
            LithairTemplate template = context.getBean(LithairTemplate.class);
            PlainMemoRepository memos;
            SpringProperties.setProperty(AotDetector.AOT_ENABLED, "true");
            try {
                memos = new LithairRepositoryFactory(template).getRepository(PlainMemoRepository.class);
            } finally {
                SpringProperties.setProperty(AotDetector.AOT_ENABLED, null);
            }

            memos.save(new Memo("m1", "travel", "pack light"));

            assertThat(shortcut(memos)).isFalse();
            assertThat(memos.findById("m1")).contains(new Memo("m1", "travel", "pack light"));
        });
    }

    @Test
    void theFrontLooksLikeTheRepositoryProxyToTheRestOfSpring() {
        runner().run(context -> {
            MemoRepository memos = context.getBean(MemoRepository.class);
            MemoRepository again = context.getBean(MemoRepository.class);

            assertThat(memos).isSameAs(again).isEqualTo(again).isNotEqualTo(context.getBean(PlainMemoRepository.class));
            assertThat(memos.hashCode()).isEqualTo(System.identityHashCode(memos));
            assertThat(memos).isInstanceOf(Repository.class).isInstanceOf(TransactionalProxy.class)
                    .isNotInstanceOf(Advised.class);
            assertThat(AopUtils.getTargetClass(memos)).isEqualTo(SimpleLithairRepository.class);
            assertThat(memos.toString()).contains(SimpleLithairRepository.class.getSimpleName());
        });
    }

    @Test
    void aPackagePrivateRepositoryInterfaceGetsTheShortcutToo() {
        runner().run(context -> {
            PackagePrivateMemoRepository memos = new LithairRepositoryFactory(context.getBean(LithairTemplate.class))
                    .getRepository(PackagePrivateMemoRepository.class);

            memos.save(new Memo("m1", "travel", "pack light"));

            assertThat(shortcut(memos)).isTrue();
            assertThat(memos.findById("m1")).contains(new Memo("m1", "travel", "pack light"));
            assertThat(memos.findAll()).hasSize(1);
        });
    }
}
