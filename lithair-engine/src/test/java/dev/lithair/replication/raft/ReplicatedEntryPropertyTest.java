package dev.lithair.replication.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.data.annotation.Version;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Iterator;
import com.alipay.sofa.jraft.Status;

import dev.lithair.annotation.Historize;
import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.annotation.Immutable;
import dev.lithair.annotation.Unique;
import dev.lithair.exception.MalformedEntryException;
import dev.lithair.exception.StoreUnavailableException;
import dev.lithair.model.EntityModel;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;
import dev.lithair.store.spi.StoreReplica;
import dev.lithair.support.NoCommitPath;
import dev.lithair.testsupport.TestDirectories;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.dataformat.smile.SmileMapper;

/**
 * Members fed the same committed entries, valid ones and garbage mixed (empty, truncated, flipped bytes,
 * unknown formats, missing or null parts, wrong types, huge values, broken framing), never let an
 * exception escape, never stop applying, and end in the same state, indexes and history.
 */
class ReplicatedEntryPropertyTest {

    record Account(String id, @Unique String email, @Immutable String owner,
            @Historize(HistoryPolicy.FULL) int balance, @Version Long version) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SmileMapper SMILE = SmileMapper.builder().build();

    private final List<LithairStore> opened = new ArrayList<>();
    private final List<Path> directories = new ArrayList<>();
    private final ExecutorService snapshotWriter = Executors.newSingleThreadExecutor();

    @AfterProperty
    void closeStores() throws IOException {
        opened.forEach(LithairStore::close);
        opened.clear();
        directories.forEach(TestDirectories::deleteRecursively);
        directories.clear();
    }

    // ---------------------------------------------------------------- what a task holds

    /** One commit entry of a Raft task, before it is encoded. */
    sealed interface Entry permits Valid, Mutated, Raw {
    }

    /** A commit as a member encodes it. */
    record Valid(Commit commit) implements Entry {
    }

    /** A valid commit's entry, then broken: cut at {@code at}, a byte flipped there, or another marker. */
    record Mutated(Commit commit, String how, int at) implements Entry {
    }

    /** Bytes as any sender could write them. */
    record Raw(byte[] bytes, String label) implements Entry {
        @Override
        public String toString() {
            return "Raw[" + label + "]";
        }
    }

    /** A Raft task's data: framed entries, or bytes whose framing is itself broken. */
    sealed interface Task permits Framed, BadFraming {
    }

    record Framed(List<Entry> entries) implements Task {
    }

    record BadFraming(byte[] data, String label) implements Task {
        @Override
        public String toString() {
            return "BadFraming[" + label + "]";
        }
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<List<Task>> tasks() {
        Arbitrary<Task> framed = entry().list().ofMinSize(1).ofMaxSize(4).map(Framed::new);
        return Arbitraries.frequencyOf(Tuple.of(6, framed), Tuple.of(1, badFraming())).list().ofMinSize(1)
                .ofMaxSize(25);
    }

    private Arbitrary<Entry> entry() {
        Arbitrary<Entry> valid = commit().map(Valid::new);
        Arbitrary<Entry> mutated = Combinators.combine(commit(), Arbitraries.of("cut", "flip", "marker"),
                Arbitraries.integers().between(0, 400)).as(Mutated::new);
        Arbitrary<Entry> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(64)
                .map(bytes -> new Raw(bytes, "random " + bytes.length + " bytes"));
        Arbitrary<Entry> handmade = Arbitraries.of(handmade()).map(raw -> (Entry) raw);
        return Arbitraries.frequencyOf(Tuple.of(6, valid), Tuple.of(2, mutated),
                Tuple.of(1, random), Tuple.of(2, handmade));
    }

    private Arbitrary<Commit> commit() {
        Arbitrary<Operation> account = Combinators.combine(Arbitraries.of("a1", "a2", "a3"),
                Arbitraries.of("e1", "e2", "e3"), Arbitraries.of("alice", "bob"), Arbitraries.integers().between(-5, 5),
                Arbitraries.of(Optional.<Long>empty(), Optional.of(0L), Optional.of(1L), Optional.of(2L)))
                .as((id, email, owner, balance, version) -> new Operation.Put("Account", id,
                        new Account(id, email, owner, balance, version.orElse(null))));
        Arbitrary<Operation> document = Combinators.combine(Arbitraries.of("d1", "d2"),
                Arbitraries.integers().between(0, 3)).as((id, value) -> new Operation.Put("Doc", id,
                        JsonNodeFactory.instance.objectNode().put("id", id).put("value", value)));
        Arbitrary<Operation> delete = Combinators.combine(Arbitraries.of("Account", "Doc"),
                Arbitraries.of("a1", "a2", "d1", "d2")).as(Operation.Delete::new);
        Arbitrary<String> key = Arbitraries.of("k1", "k2", "k3").injectNull(0.6);
        return Combinators.combine(key, Arbitraries.oneOf(account, document, delete).list().ofMinSize(1).ofMaxSize(3))
                .as((idempotencyKey, operations) -> new Commit(idempotencyKey, "tester", operations));
    }

    private static Arbitrary<BadFraming> badFraming() {
        return Arbitraries.of(
                new BadFraming(new byte[0], "empty"),
                new BadFraming(new byte[] {0, 0, 1}, "short count"),
                new BadFraming(ByteBuffer.allocate(4).putInt(0).array(), "no commits"),
                new BadFraming(ByteBuffer.allocate(8).putInt(-3).putInt(1).array(), "negative count"),
                new BadFraming(ByteBuffer.allocate(8).putInt(Integer.MAX_VALUE).putInt(1).array(), "huge count"),
                new BadFraming(ByteBuffer.allocate(10).putInt(1).putInt(-1).put(new byte[] {'J', '{'}).array(),
                        "negative length"),
                new BadFraming(ByteBuffer.allocate(10).putInt(1).putInt(Integer.MAX_VALUE).put(new byte[] {'J', '{'})
                        .array(), "length past the end"),
                new BadFraming(ByteBuffer.allocate(14).putInt(1).putInt(2).put(new byte[] {'J', '{', 9, 9, 9, 9})
                        .array(), "trailing bytes"));
    }

    /** Entries a hostile or buggy proposer could write by hand. */
    private static List<Raw> handmade() {
        String ts = "\"timestamp\":\"2026-01-01T00:00:00Z\"";
        String doc = "{\"delete\":false,\"entityType\":\"Doc\",\"entityId\":\"d1\",\"payload\":";
        List<Raw> entries = new ArrayList<>(List.of(
                raw(new byte[0], "empty"),
                raw(new byte[] {'J'}, "marker only"),
                raw(new byte[] {'S'}, "smile marker only"),
                raw("Q{}".getBytes(StandardCharsets.UTF_8), "unknown marker"),
                json("{" + ts + "}", "no operations"),
                json("{" + ts + ",\"operations\":null}", "null operations"),
                json("{" + ts + ",\"operations\":[]}", "empty operations"),
                json("{" + ts + ",\"operations\":[null]}", "null operation"),
                json("{" + ts + ",\"operations\":{}}", "operations not a list"),
                json("{\"operations\":[" + doc + "{\"id\":\"d1\"}}]}", "no timestamp"),
                json("{\"timestamp\":\"+1000000000-12-31T23:59:59.999999999Z\",\"operations\":[" + doc
                        + "{\"id\":\"d1\"}}]}", "timestamp out of range"),
                json("{\"timestamp\":\"yesterday\",\"operations\":[" + doc + "{\"id\":\"d1\"}}]}", "bad timestamp"),
                json("{" + ts + ",\"operations\":[{\"delete\":false,\"entityType\":\"Doc\",\"entityId\":null,"
                        + "\"payload\":{\"id\":\"d1\"}}]}", "null id"),
                json("{" + ts + ",\"operations\":[{\"delete\":false,\"entityType\":null,\"entityId\":\"d1\","
                        + "\"payload\":{\"id\":\"d1\"}}]}", "null type"),
                json("{" + ts + ",\"operations\":[{\"delete\":false,\"entityType\":\" \",\"entityId\":\"d1\","
                        + "\"payload\":{\"id\":\"d1\"}}]}", "blank type"),
                json("{" + ts + ",\"operations\":[{\"delete\":false,\"entityType\":\"Doc\",\"entityId\":\"d1\"}]}",
                        "put without entity"),
                json("{" + ts + ",\"operations\":[{\"delete\":true,\"entityType\":\"Doc\",\"entityId\":\"d1\","
                        + "\"payload\":{\"id\":\"d1\"}}]}", "delete with entity"),
                json("{" + ts + ",\"operations\":[" + doc + "\"text\"}]}", "entity not an object"),
                json("{" + ts + ",\"operations\":[{\"delete\":\"maybe\",\"entityType\":\"Doc\",\"entityId\":\"d1\"}]}",
                        "delete not a boolean"),
                json("{" + ts + ",\"idempotencyKey\":\" \",\"operations\":[" + doc + "{\"id\":\"d1\"}}]}",
                        "blank key"),
                json("{" + ts + ",\"operations\":[{\"delete\":false,\"entityType\":\"Account\",\"entityId\":\"a1\","
                        + "\"payload\":{\"id\":\"a1\",\"balance\":\"lots\"}}]}", "typed entity with a wrong type"),
                json("{" + ts + ",\"operations\":[{\"delete\":false,\"entityType\":\"Account\",\"entityId\":\"a1\","
                        + "\"payload\":{\"id\":\"a2\",\"email\":\"e9\",\"owner\":\"eve\",\"balance\":1}}]}",
                        "typed entity of another id"),
                json("{" + ts + ",\"operations\":[{\"delete\":false,\"entityType\":\"Account\",\"entityId\":\"a1\","
                        + "\"payload\":{\"id\":\"a1\",\"email\":\"e9\",\"owner\":\"eve\",\"balance\":1,"
                        + "\"version\":\"x\"}}]}", "version not a number"),
                json("{" + ts + ",\"operations\":[{\"delete\":false,\"entityType\":\"Ghost\",\"entityId\":\"g1\","
                        + "\"payload\":{\"id\":\"g1\"}}]}", "a type no member declared (a schemaless document)"),
                json("{" + ts + ",\"operations\":[" + doc + "{\"id\":\"d1\",\"v\":" + "9".repeat(5000) + "}}]}",
                        "huge number"),
                json("{" + ts + ",\"operations\":[" + doc + "{\"id\":\"d1\",\"v\":\"" + "x".repeat(300_000)
                        + "\"}}]}", "huge string"),
                json("{" + ts + ",\"operations\":[" + doc + "{\"id\":\"d1\",\"v\":" + "[".repeat(3000)
                        + "]".repeat(3000) + "}}]}", "deep nesting"),
                json("{" + ts + ",\"operations\":[" + doc + "{\"id\":\"d1\"}}]} trailing", "trailing text"),
                json("[1,2,3]", "not an object"),
                json("null", "null document")));
        for (Raw entry : List.copyOf(entries)) {
            if (entry.bytes().length > 1 && entry.bytes()[0] == 'J') {
                try {
                    JsonNode tree = JSON.readTree(Arrays.copyOfRange(entry.bytes(), 1, entry.bytes().length));
                    byte[] body = SMILE.writeValueAsBytes(tree);
                    byte[] smile = new byte[body.length + 1];
                    smile[0] = 'S';
                    System.arraycopy(body, 0, smile, 1, body.length);
                    entries.add(raw(smile, entry.label() + " (Smile)"));
                } catch (RuntimeException unreadableAsJson) {
                    // the JSON form is enough for entries Jackson cannot even read
                }
            }
        }
        return entries;
    }

    private static Raw json(String document, String label) {
        return raw(Entries.json(document), label);
    }

    private static Raw raw(byte[] bytes, String label) {
        return new Raw(bytes, label);
    }

    // ---------------------------------------------------------------- properties

    @Property(tries = 60)
    void membersFedTheSameEntriesEndInTheSameStateAndNeverStopApplying(@ForAll("tasks") List<Task> tasks) {
        // given
        Member encoder = member();
        List<Member> members = List.of(member(), member(), member());
        List<ByteBuffer> data = new ArrayList<>();
        for (Task task : tasks) {
            data.add(materialise(task, encoder.replica()));
        }
        data.add(Entries.task(encoder.replica().encode(Commit.of(new Operation.Put("Doc", "last",
                JsonNodeFactory.instance.objectNode().put("id", "last"))))));

        // when
        for (Member member : members) {
            ListIterator iterator = new ListIterator(data);
            member.machine().onApply(iterator);
            assertThat(iterator.rolledBack).as("a member stopped applying").isNull();
            assertThat(iterator.position).isEqualTo(data.size());
        }

        // then
        Member first = members.get(0);
        assertThat(first.store().get("Doc", "last")).isPresent();
        for (Member other : members.subList(1, 3)) {
            assertThat(view(other)).isEqualTo(view(first));
        }
    }

    @Example
    void everyHandmadeEntryOfTheCorpusIsRejectedOrAppliedAlikeAndTheEntryAfterItIsApplied() {
        // given: each entry of the corpus in a task of its own, a valid write after each
        Member encoder = member();
        List<Member> members = List.of(member(), member(), member());
        List<ByteBuffer> data = new ArrayList<>();
        List<Raw> corpus = handmade();
        for (int i = 0; i < corpus.size(); i++) {
            data.add(Entries.task(corpus.get(i).bytes()));
            data.add(Entries.task(encoder.replica().encode(Commit.of(new Operation.Put("Doc", "after-" + i,
                    JsonNodeFactory.instance.objectNode().put("id", "after-" + i))))));
        }

        // when
        for (Member member : members) {
            ListIterator iterator = new ListIterator(data);
            member.machine().onApply(iterator);
            assertThat(iterator.rolledBack).as("a member stopped applying").isNull();
        }

        // then
        for (Member member : members) {
            for (int i = 0; i < corpus.size(); i++) {
                assertThat(member.store().get("Doc", "after-" + i)).as("after " + corpus.get(i)).isPresent();
            }
            assertThat(view(member)).isEqualTo(view(members.get(0)));
            assertThat(member.machine().malformedRejected()).isEqualTo(members.get(0).machine().malformedRejected())
                    .isPositive();
        }
    }

    @Property(tries = 100)
    void applyingAnyEntryEitherCommitsItOrRejectsItLeavingTheStateAsItWas(@ForAll("tasks") List<Task> tasks) {
        // given
        Member encoder = member();
        Member member = member();

        for (Task task : tasks) {
            if (!(task instanceof Framed framed)) {
                continue;
            }
            for (Entry entry : framed.entries()) {
                byte[] bytes = encode(entry, encoder.replica());
                String before = view(member).toString();

                // when
                Throwable rejected = catchThrowable(() -> member.replica().apply(bytes));

                // then
                if (rejected != null) {
                    assertThat(rejected).isInstanceOf(RuntimeException.class)
                            .isNotInstanceOf(StoreUnavailableException.class);
                    assertThat(view(member).toString()).isEqualTo(before);
                }
            }
        }
    }

    @Property(tries = 500)
    void aTasksFramingIsReadExactlyOrRejectedAsMalformed(@ForAll byte[] data) {
        // when
        Throwable thrown = catchThrowable(() -> ProposalBatch.decode(ByteBuffer.wrap(data)));

        // then
        if (thrown == null) {
            ByteBuffer again = ProposalBatch.encode(ProposalBatch.decode(ByteBuffer.wrap(data)));
            assertThat(again.array()).isEqualTo(data);
        } else {
            assertThat(thrown).isInstanceOf(MalformedEntryException.class);
        }
    }

    // ---------------------------------------------------------------- members and their state

    private record Member(LithairStore store, StoreReplica replica, LithairStateMachine machine) {
    }

    private Member member() {
        Path directory = TestDirectories.create("lithair-entries");
        directories.add(directory);
        StoreReplica[] captured = new StoreReplica[1];
        LithairStore store = LithairStore.open(StoreOptions.defaults(directory),
                List.of(EntityModel.of(Account.class, HistoryPolicy.NONE)), List.of(), replica -> {
                    captured[0] = replica;
                    return new NoCommitPath();
                });
        opened.add(store);
        return new Member(store, captured[0], new LithairStateMachine(RaftClusterOptions.GROUP, captured[0], snapshotWriter, latency -> { }));
    }

    /** Everything a reader can see of a member: sequence, entities, indexes, history. */
    private static List<Object> view(Member member) {
        LithairStore store = member.store();
        List<Object> view = new ArrayList<>();
        view.add(store.lastSequence());
        for (String type : List.of("Account", "Doc", "Ghost")) {
            view.add(store.all(type).stream().map(JsonNode::toString).sorted().toList());
        }
        for (String email : List.of("e1", "e2", "e3", "e9")) {
            view.add(store.indexes().uniqueHolder("Account", "email", email));
        }
        for (String id : List.of("a1", "a2", "a3")) {
            view.add(store.history("Account", id));
        }
        return view;
    }

    private static ByteBuffer materialise(Task task, StoreReplica encoder) {
        if (task instanceof BadFraming bad) {
            return ByteBuffer.wrap(bad.data());
        }
        List<byte[]> entries = new ArrayList<>();
        for (Entry entry : ((Framed) task).entries()) {
            entries.add(encode(entry, encoder));
        }
        return ProposalBatch.encode(entries);
    }

    private static byte[] encode(Entry entry, StoreReplica encoder) {
        if (entry instanceof Valid valid) {
            return encoder.encode(valid.commit());
        }
        if (entry instanceof Raw raw) {
            return raw.bytes();
        }
        Mutated mutated = (Mutated) entry;
        byte[] bytes = encoder.encode(mutated.commit());
        int at = mutated.at() % bytes.length;
        switch (mutated.how()) {
            case "cut":
                return Arrays.copyOf(bytes, at);
            case "flip":
                bytes[at] ^= (byte) 0x5A;
                return bytes;
            default:
                bytes[0] = (byte) ('A' + at % 26);
                return bytes;
        }
    }

    /** The entries of a Raft log, handed out as JRaft's iterator does; records a roll-back. */
    private static final class ListIterator implements Iterator {

        private final List<ByteBuffer> data;
        int position;
        Status rolledBack;

        ListIterator(List<ByteBuffer> data) {
            this.data = data;
        }

        @Override
        public ByteBuffer getData() {
            return data.get(position).duplicate();
        }

        @Override
        public long getIndex() {
            return position + 1;
        }

        @Override
        public long getTerm() {
            return 1;
        }

        @Override
        public Closure done() {
            return null;
        }

        @Override
        public void setAutoCommitPerLog(boolean autoCommit) {
        }

        @Override
        public boolean commit() {
            return false;
        }

        @Override
        public void commitAndSnapshotSync(Closure done) {
        }

        @Override
        public void setErrorAndRollback(long ntail, Status status) {
            rolledBack = status;
            position = data.size();
        }

        @Override
        public boolean hasNext() {
            return position < data.size();
        }

        @Override
        public ByteBuffer next() {
            position++;
            return position < data.size() ? getData() : null;
        }
    }
}
