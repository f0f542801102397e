package dev.lithair.replication.raft;

import com.alipay.remoting.exception.CodecException;
import com.alipay.remoting.exception.DeserializationException;
import com.alipay.remoting.serialization.HessianSerializer;
import com.alipay.remoting.serialization.Serializer;

/**
 * Bolt's serializer for messages without a serializer of their own, which is Hessian by default: it
 * still writes (Bolt answers a failed call with the exception as a Hessian stream) but reads nothing.
 * Every message a member reads has its own serializer (JRaft's protobuf messages, Lithair's
 * {@link ForwardedBytesSerializer}); what is left is an object stream whose classes the sender names,
 * which is refused. The receiving call then fails, as it would have with the exception it carried.
 * Thread-safe.
 */
final class NoObjectStreams implements Serializer {

    private final HessianSerializer writer = new HessianSerializer();

    @Override
    public byte[] serialize(Object object) throws CodecException {
        return writer.serialize(object);
    }

    @Override
    public <T> T deserialize(byte[] data, String className) throws CodecException {
        throw new DeserializationException("a Lithair cluster member reads no object streams from the network; "
                + "refused a " + className);
    }
}
